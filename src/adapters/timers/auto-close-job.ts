import type { DeliveryTargets } from "../../core/outbox/drafts.js";
import type { TicketRepository } from "../../core/ports/ticket-repository.js";
import type { TimerQueries } from "../../core/ports/timer-queries.js";
import type { NotificationPolicy } from "../../core/ticket/decisions.js";
import { type AutoClosePolicy, autoCloseDue, decideAutoClose } from "../../core/timers/auto-close.js";
import { reminderDrafts } from "../../core/timers/notifications.js";
import type { TimerJob } from "./scheduler.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AutoCloseJobDeps {
  readonly queries: TimerQueries;
  readonly tickets: TicketRepository;
  readonly notify: NotificationPolicy;
  readonly targets: DeliveryTargets;
  readonly policy: AutoClosePolicy;
  readonly batchSize?: number;
}

/**
 * Reminds requesters of tickets waiting on them, then closes those that waited the whole period.
 * The reminder fires with a conditional stamp; the close goes through the ticket repository,
 * which re-decides on the locked row, so of two instances only one closes and writes the message.
 */
export const createAutoCloseJob = (deps: AutoCloseJobDeps): TimerJob => {
  const batch = deps.batchSize ?? 100;
  return {
    name: "auto_close",
    async run(now) {
      const { policy } = deps;
      if (!policy.enabled) return 0;
      let fired = 0;
      for (const { ticket } of await deps.queries.waitingSince(
        new Date(now.getTime() - policy.days * DAY_MS),
        batch,
      )) {
        // Counted by what this call decided on the locked row: another instance may have closed it first.
        let closed = false;
        await deps.tickets.update(ticket.id, (current) => {
          const decided = decideAutoClose(current, now, policy, deps.notify);
          closed = decided.ok && decided.value.events.length > 0;
          return decided;
        });
        if (closed) fired += 1;
      }
      const remindSince = new Date(
        now.getTime() - Math.max(0, policy.days - policy.remindDaysBefore) * DAY_MS,
      );
      for (const { ticket, reminderSentAt } of await deps.queries.dueForReminder(remindSince, batch)) {
        if (autoCloseDue(ticket, reminderSentAt, now, policy) !== "remind") continue;
        if (await deps.queries.markReminded(ticket, now, reminderDrafts(ticket, now, policy, deps.targets)))
          fired += 1;
      }
      return fired;
    },
  };
};
