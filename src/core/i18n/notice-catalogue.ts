/** Sentences of the notifications a requester receives outside a conversation, per language. */
export interface NoticeCatalogue {
  readonly agentReply: (ref: string, agentName: string) => string;
  readonly filesAttached: (count: number) => string;
  readonly statusChanged: (ref: string, subject: string, statusLabel: string) => string;
  readonly autoClosed: (ref: string, subject: string) => string;
  /** Support's first question went unanswered for the configured time (TRIAGE_ABANDON_HOURS). */
  readonly abandonedAtTriage: (ref: string, subject: string) => string;
  /** A duplicate closed by a merge: the ticket to follow from now on. */
  readonly merged: (ref: string, subject: string, into: string) => string;
  readonly reminder: (ref: string, subject: string, closesOn: string) => string;
  readonly replyHint: (ref: string) => string;
  readonly departmentChanged: (ref: string, subject: string, department: string) => string;
  readonly contactDone: (ref: string, subject: string, agentName: string) => string;
}
