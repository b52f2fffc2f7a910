import type { DeliveryTargets } from "../../core/outbox/drafts.js";
import type { TimerQueries } from "../../core/ports/timer-queries.js";
import { slaAlertDrafts } from "../../core/timers/notifications.js";
import { dueSlaAlerts, type SlaPolicy } from "../../core/timers/sla.js";
import type { TimerJob } from "./scheduler.js";

export interface SlaJobDeps {
  readonly queries: TimerQueries;
  readonly targets: DeliveryTargets;
  readonly policy: SlaPolicy;
  readonly batchSize?: number;
}

/** Raises each SLA warning (at the warning share) and breach once, in the agents' channel. */
export const createSlaJob = (deps: SlaJobDeps): TimerJob => ({
  name: "sla",
  async run(now) {
    let fired = 0;
    for (const { ticket, stamps } of await deps.queries.slaCandidates(
      now,
      deps.policy,
      deps.batchSize ?? 200,
    )) {
      for (const alert of dueSlaAlerts(ticket, stamps, now, deps.policy)) {
        if (
          await deps.queries.stampSla(ticket.id, alert, now, slaAlertDrafts(ticket, alert, now, deps.targets))
        )
          fired += 1;
      }
    }
    return fired;
  },
});
