import type { DeliveryTargets } from "../../core/outbox/drafts.js";
import type { TimerQueries } from "../../core/ports/timer-queries.js";
import { slaAlertDrafts } from "../../core/timers/notifications.js";
import { dueSlaAlerts, type SlaAlert, type SlaPolicy } from "../../core/timers/sla.js";
import type { TimerJob } from "./scheduler.js";

export interface SlaJobDeps {
  readonly queries: TimerQueries;
  readonly targets: DeliveryTargets;
  readonly policy: SlaPolicy;
  readonly batchSize?: number;
  /** The alert levels that escalate (mention, reassign, tell the managers); none by default. */
  readonly escalateOn?: readonly SlaAlert["level"][];
}

/** Raises each SLA warning (at the warning share) and breach once, in the agents' channel, escalating as configured. */
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
        // Written with the alert's stamp, in its transaction: an alert fires once, so its escalation does.
        const escalate = deps.escalateOn?.includes(alert.level) ?? false;
        const drafts = slaAlertDrafts(ticket, alert, now, deps.targets, escalate);
        if (await deps.queries.stampSla(ticket.id, alert, now, drafts)) fired += 1;
      }
    }
    return fired;
  },
});
