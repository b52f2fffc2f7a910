import type { TicketRepository } from "../../core/ports/ticket-repository.js";
import type { TimerQueries } from "../../core/ports/timer-queries.js";
import type { NotificationPolicy } from "../../core/ticket/decisions.js";
import { decideTriageAbandon, type TriagePolicy } from "../../core/timers/triage.js";
import type { TimerJob } from "./scheduler.js";

export interface TriageJobDeps {
  readonly queries: TimerQueries;
  readonly tickets: TicketRepository;
  readonly notify: NotificationPolicy;
  readonly policy: TriagePolicy;
  readonly batchSize?: number;
}

/**
 * Abandons at triage the tickets whose requester never answered support's first question in time.
 * The change goes through the ticket repository, which re-decides on the locked row: of two
 * instances only one changes the status and writes the requester's notice.
 */
export const createTriageJob = (deps: TriageJobDeps): TimerJob => ({
  name: "triage_abandon",
  async run(now) {
    const { policy } = deps;
    if (policy.abandonAfterMs <= 0) return 0;
    let fired = 0;
    const since = new Date(now.getTime() - policy.abandonAfterMs);
    for (const { ticket } of await deps.queries.atTriageSince(since, deps.batchSize ?? 100)) {
      // Counted by what this call decided on the locked row, not by the row it returns: another
      // instance may have abandoned it a moment earlier.
      let abandoned = false;
      await deps.tickets.update(ticket.id, (current) => {
        const decided = decideTriageAbandon(current, now, policy, deps.notify);
        abandoned = decided.ok && decided.value.events.length > 0;
        return decided;
      });
      if (abandoned) fired += 1;
    }
    return fired;
  },
});
