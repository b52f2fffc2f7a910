/** A conversation flow that ended without finishing: the figures of "abandoned at triage" come from here. */
export interface AbandonedFlow {
  readonly contactId: string;
  readonly flow: string;
  readonly step: string;
  readonly reason: AbandonReason;
  readonly at: Date;
}

/** timeout: idle past the limit; cancel: the contact cancelled; switched: another flow or the menu took over; corrupt: stored state was unreadable. */
export type AbandonReason = "timeout" | "cancel" | "switched" | "corrupt";

export interface AbandonedFlowLog {
  record(flow: AbandonedFlow): Promise<void>;
}
