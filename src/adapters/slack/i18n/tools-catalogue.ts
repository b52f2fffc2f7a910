/**
 * Sentences of the agents' everyday tools (ownership, saved replies, tags, merge, escalation), kept
 * apart from the main Slack catalogue so each tool's words sit together.
 */
export interface SlackToolsCatalogue {
  readonly ownership: {
    readonly assignTo: string;
    readonly unassign: string;
    readonly takeOver: string;
    readonly notInChannel: string;
    readonly collision: (owner: string, seconds: number) => string;
    readonly sendAnyway: string;
    readonly cancel: string;
    readonly willSend: string;
    readonly cancelled: string;
    readonly tooLate: string;
    readonly withdrawnNote: (owner: string) => string;
  };
}
