import type { OutboxDraft } from "../outbox/outbox-draft.js";
import type { Ticket } from "../ticket/ticket.js";
import type { SlaAlert, SlaPolicy, SlaStamps } from "../timers/sla.js";
import type { StatsScope } from "./ticket-repository.js";

/** A ticket as the timers see it: with the stamps that say which of its timers already fired. */
export interface TimedTicket {
  readonly ticket: Ticket;
  readonly reminderSentAt: Date | null;
  readonly stamps: SlaStamps;
}

/** Open tickets past an SLA warning or breach. */
export interface SlaCounts {
  readonly firstResponseBreached: number;
  readonly resolutionBreached: number;
  readonly firstResponseWarned: number;
  readonly resolutionWarned: number;
}

/**
 * The reads and conditional writes behind the timers. Every firing is one conditional change that
 * requires its stamp still unset, stored with its notification: of several instances ticking at
 * once, exactly one fires it.
 */
export interface TimerQueries {
  /** Tickets waiting on the requester since `since` or earlier whose current wait has had no reminder. */
  dueForReminder(since: Date, limit: number): Promise<TimedTicket[]>;
  /** Tickets waiting on the requester since `since` or earlier, oldest first. */
  waitingSince(since: Date, limit: number): Promise<TimedTicket[]>;
  /**
   * Tickets waiting on the requester since `since` or earlier whose requester has not written since
   * support's first reply (still at triage), oldest first.
   */
  atTriageSince(since: Date, limit: number): Promise<TimedTicket[]>;
  /** Stamps the reminder of the ticket's current wait and writes its items; false if it was not due any more. */
  markReminded(ticket: Ticket, now: Date, drafts: readonly OutboxDraft[]): Promise<boolean>;
  /** Open, unpaused tickets whose SLA time may have reached a warning or a breach still unstamped. */
  slaCandidates(now: Date, policy: SlaPolicy, limit: number): Promise<TimedTicket[]>;
  /** Stamps one alert (a breach stamps its warning too) and writes its items; false when already stamped. */
  stampSla(ticketId: string, alert: SlaAlert, now: Date, drafts: readonly OutboxDraft[]): Promise<boolean>;
  slaCounts(scope: StatsScope): Promise<SlaCounts>;
}
