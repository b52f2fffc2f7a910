import type { TicketChange } from "../ports/ticket-repository.js";
import { err, ok, type Result } from "../shared/result.js";
import { applyPatch, decideStatus, type NotificationPolicy } from "../ticket/decisions.js";
import type { CoreError } from "../ticket/errors.js";
import type { Actor, Ticket } from "../ticket/ticket.js";

const SYSTEM: Actor = { kind: "system" };

export interface TriagePolicy {
  /** Time a requester has to answer support's first question before the ticket is abandoned at triage; 0: never. */
  readonly abandonAfterMs: number;
}

export const DEFAULT_TRIAGE: TriagePolicy = { abandonAfterMs: 48 * 60 * 60 * 1000 };

/** The event body (and notice reason) of a ticket closed because its first question was never answered. */
export const TRIAGE_ABANDON_REASON = "triage_abandoned";

type Triage = Pick<Ticket, "status" | "statusChangedAt" | "firstResponseAt" | "requesterLastMessageAt">;

/**
 * Kamino's "Abandono na triagem": support answered (asked its first questions) and the requester has
 * not written since. A requester who answered even once is past triage, whatever happens next.
 */
export const atTriage = (ticket: Triage): boolean =>
  ticket.status === "WAITING_ON_REQUESTER" &&
  ticket.firstResponseAt !== null &&
  (ticket.requesterLastMessageAt === null || ticket.requesterLastMessageAt <= ticket.firstResponseAt);

export const abandonsAt = (ticket: Triage, policy: TriagePolicy): Date =>
  new Date(ticket.statusChangedAt.getTime() + policy.abandonAfterMs);

export const triageDue = (ticket: Triage, now: Date, policy: TriagePolicy): boolean =>
  policy.abandonAfterMs > 0 && atTriage(ticket) && now >= abandonsAt(ticket, policy);

/**
 * Closes a ticket whose requester never answered support's first question as ABANDONED, as the
 * system. `force` is for auto-close, which reached its own deadline first: an unanswered ticket is
 * then abandoned too, never counted as solved.
 */
export const decideTriageAbandon = (
  ticket: Ticket,
  now: Date,
  policy: TriagePolicy,
  notify: NotificationPolicy,
  force = false,
): Result<TicketChange, CoreError> => {
  const due = force ? atTriage(ticket) : triageDue(ticket, now, policy);
  if (!due) return ok({ patch: {}, events: [], outbox: [] });
  const decided = decideStatus(ticket, SYSTEM, "ABANDONED", { now, reopenWindowDays: 0, notify: () => [] });
  if (!decided.ok) return err(decided.error);
  const events = decided.value.events.map((e) =>
    e.kind === "STATUS_CHANGED" ? { ...e, body: TRIAGE_ABANDON_REASON } : e,
  );
  const after = applyPatch(ticket, decided.value.patch, now);
  return ok({ ...decided.value, events, outbox: notify({ before: ticket, after, events, actor: SYSTEM }) });
};
