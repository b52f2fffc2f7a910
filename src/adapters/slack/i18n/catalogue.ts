import type { Channel } from "../../../core/ticket/channel.js";
import type { TicketStatus } from "../../../core/ticket/status.js";

export type SlaClockName = "first_response" | "resolution";

/**
 * Slack's own sentences: the agents' channel (root messages, thread lines, buttons), the ticket
 * modal, /ticket answers, the requester's DM thread and App Home. Field names, statuses as
 * requesters see them and error messages come from the core and conversation catalogues.
 */
export interface SlackCatalogue {
  /** Detailed statuses in agents' words (the core catalogue words them for requesters). */
  readonly agentStatus: Readonly<Record<TicketStatus, string>>;
  readonly channel: Readonly<Record<Channel, string>>;
  readonly modal: {
    /** Title and buttons are cut by Slack at 24 characters. */
    readonly title: string;
    readonly submit: string;
    readonly close: string;
    readonly choose: string;
    readonly subjectHint: (min: number, max: number) => string;
    readonly messageHint: (max: number) => string;
    readonly filesHint: (max: number, types: readonly string[], maxMb: number) => string;
    readonly fromMessage: (files: readonly string[]) => string;
    readonly loading: string;
    readonly messageGone: string;
  };
  readonly requester: {
    /** The DM message that starts the ticket's thread. */
    readonly created: (ref: string, subject: string) => string;
    readonly threadHint: string;
    readonly notCreated: (reason: string) => string;
    readonly replyHint: string;
    readonly help: (command: string) => string;
    readonly usage: (command: string) => string;
    /** `/ticket web`: a one-time sign-in link to the web console. */
    readonly webLink: (url: string, minutes: number) => string;
    readonly webAgentsOnly: string;
    readonly webOff: string;
    readonly dmHelp: (command: string) => string;
    readonly reactionOffer: string;
    readonly reactionButton: string;
    readonly replyNotSent: (reason: string) => string;
    readonly rateThis: string;
  };
  readonly root: {
    readonly requester: string;
    readonly assignee: string;
    readonly sla: string;
    readonly opened: string;
    readonly unassigned: string;
    readonly files: (names: readonly string[]) => string;
    readonly assignMe: string;
    readonly statusPlaceholder: string;
    readonly priorityPlaceholder: string;
    readonly departmentPlaceholder: string;
    readonly escalate: string;
    readonly close: string;
    readonly confirmCloseTitle: string;
    readonly confirmCloseText: (ref: string) => string;
    readonly confirmYes: string;
    readonly confirmNo: string;
    /** The notification text (previews, screen readers) of a root message. */
    readonly fallback: (ref: string, subject: string) => string;
  };
  readonly sla: {
    readonly clock: Readonly<Record<SlaClockName, string>>;
    readonly onTrack: (clock: string, due: string) => string;
    readonly atRisk: (clock: string, due: string) => string;
    readonly breached: (clock: string) => string;
    readonly paused: string;
    readonly met: string;
  };
  readonly thread: {
    readonly requesterMessage: (name: string, channel: string) => string;
    readonly status: (from: string, to: string, by: string) => string;
    readonly priority: (from: string, to: string, by: string) => string;
    readonly department: (from: string, to: string, by: string) => string;
    readonly assignee: (to: string | null, by: string) => string;
    readonly contactRequested: (by: string) => string;
    readonly contactDone: (by: string) => string;
    /** The button under a contact request in the thread. */
    readonly contactDoneButton: string;
    readonly rated: (score: string, by: string) => string;
    readonly deliveryFailed: (channel: string, reason: string) => string;
    readonly slaWarning: (clock: string, due: string) => string;
    readonly slaBreach: (clock: string, due: string) => string;
    readonly notAgent: string;
    readonly refused: (reason: string) => string;
    readonly editTooLate: string;
    readonly deleteTooLate: string;
    /** Internal notes left in the history when a reply is changed or withdrawn before it went out. */
    /** The note an edited reply leaves, with the text first written (the history keeps the text sent). */
    readonly editedBeforeSending: (firstText: string) => string;
    /** Left in the old thread when a ticket moves to another department's channel. */
    readonly movedTo: (channel: string, link: string) => string;
    readonly movedFrom: (channel: string) => string;
    readonly withdrawnBeforeSending: string;
  };
  readonly home: {
    readonly agentTitle: string;
    readonly requesterTitle: string;
    readonly counts: {
      readonly total: string;
      readonly open: string;
      readonly answered: string;
      readonly closed: string;
      readonly high: string;
      readonly slaAtRisk: string;
      readonly slaBreached: string;
    };
    readonly anyStatus: string;
    readonly anyPriority: string;
    readonly anyDepartment: string;
    readonly anyone: string;
    readonly search: string;
    readonly results: (shown: number) => string;
    readonly mine: string;
    readonly empty: string;
    readonly openTicket: string;
    readonly thread: string;
    /** `date` is a Slack date token, shown in each reader's own time zone. */
    readonly created: (date: string) => string;
    readonly lastReply: (date: string, who: string) => string;
    readonly noReply: string;
  };
}
