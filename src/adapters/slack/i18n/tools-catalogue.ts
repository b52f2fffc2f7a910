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
  readonly escalation: {
    /** The managers' channel line: the ticket, the alert and a link to its thread. */
    readonly managers: (ref: string, subject: string, alert: string, link: string) => string;
  };
  readonly merge: {
    readonly mergedInto: (ref: string, by: string) => string;
    readonly mergedFrom: (ref: string, by: string) => string;
    readonly rootNote: (ref: string) => string;
    readonly usage: (command: string) => string;
    readonly done: (duplicate: string, target: string) => string;
  };
  readonly tags: {
    readonly label: string;
    readonly placeholder: string;
    readonly none: string;
    readonly line: (tags: string, by: string) => string;
  };
  readonly savedReplies: {
    readonly usage: (command: string) => string;
    readonly preview: (name: string, ref: string, lang: string, status: string | null) => string;
    readonly send: string;
    readonly cancel: string;
    readonly sent: (ref: string, seconds: number) => string;
    readonly dropped: string;
    readonly threadLine: (agent: string, name: string) => string;
    readonly pickTitle: string;
    readonly pickLabel: string;
    readonly pickSubmit: string;
    readonly noneForTicket: string;
    readonly notATicketThread: string;
    readonly manageTitle: string;
    readonly manageSubmit: string;
    readonly close: string;
    readonly name: string;
    readonly nameHint: string;
    readonly scope: string;
    readonly everyone: string;
    readonly textPt: string;
    readonly textEn: string;
    readonly textHint: (variables: string) => string;
    readonly status: string;
    readonly keepDefault: string;
    readonly list: (lines: readonly string[]) => string;
    readonly saved: (name: string) => string;
    readonly deleted: (name: string) => string;
  };
}
