import type { TicketChange } from "../ports/ticket-repository.js";
import { err, ok, type Result } from "../shared/result.js";
import { applyPatch, decideStatus, type NotificationPolicy } from "../ticket/decisions.js";
import type { CoreError } from "../ticket/errors.js";
import type { Actor, Ticket } from "../ticket/ticket.js";
import { atTriage, DEFAULT_TRIAGE, decideTriageAbandon } from "./triage.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const SYSTEM: Actor = { kind: "system" };

export interface AutoClosePolicy {
  readonly enabled: boolean;
  /** Days a ticket may wait on the requester before it is closed as solved. */
  readonly days: number;
  /** Days before closing that the requester is reminded. */
  readonly remindDaysBefore: number;
}

export const DEFAULT_AUTO_CLOSE: AutoClosePolicy = { enabled: true, days: 7, remindDaysBefore: 2 };

/** The event body that marks a status change as an automatic close; the policy tells the requester why. */
export const AUTO_CLOSE_REASON = "auto_close";

type Waiting = Pick<Ticket, "status" | "statusChangedAt">;

export const closesAt = (ticket: Waiting, policy: AutoClosePolicy): Date =>
  new Date(ticket.statusChangedAt.getTime() + policy.days * DAY_MS);

export const remindsAt = (ticket: Waiting, policy: AutoClosePolicy): Date =>
  new Date(ticket.statusChangedAt.getTime() + Math.max(0, policy.days - policy.remindDaysBefore) * DAY_MS);

/**
 * What is due for a ticket waiting on the requester. The reminder is once per wait: a stamp older
 * than the current wait (the requester answered, then the ticket waited again) does not count.
 */
export const autoCloseDue = (
  ticket: Waiting,
  reminderSentAt: Date | null,
  now: Date,
  policy: AutoClosePolicy,
): "close" | "remind" | null => {
  if (!policy.enabled || ticket.status !== "WAITING_ON_REQUESTER") return null;
  if (now >= closesAt(ticket, policy)) return "close";
  const remindedThisWait = reminderSentAt !== null && reminderSentAt >= ticket.statusChangedAt;
  return now >= remindsAt(ticket, policy) && !remindedThisWait ? "remind" : null;
};

/**
 * Closes a ticket left waiting on the requester, as the system, re-deciding on the locked row: a
 * ticket that moved meanwhile (the requester answered, another instance closed it) is left alone.
 * Only a ticket whose requester answered at least once is solved; one still at triage is abandoned.
 */
export const decideAutoClose = (
  ticket: Ticket,
  now: Date,
  policy: AutoClosePolicy,
  notify: NotificationPolicy,
): Result<TicketChange, CoreError> => {
  if (autoCloseDue(ticket, null, now, policy) !== "close") return ok({ patch: {}, events: [], outbox: [] });
  if (atTriage(ticket)) return decideTriageAbandon(ticket, now, DEFAULT_TRIAGE, notify, true);
  const decided = decideStatus(ticket, SYSTEM, "SOLVED", { now, reopenWindowDays: 0, notify: () => [] });
  if (!decided.ok) return err(decided.error);
  const events = decided.value.events.map((e) =>
    e.kind === "STATUS_CHANGED" ? { ...e, body: AUTO_CLOSE_REASON } : e,
  );
  const after = applyPatch(ticket, decided.value.patch, now);
  return ok({ ...decided.value, events, outbox: notify({ before: ticket, after, events, actor: SYSTEM }) });
};
