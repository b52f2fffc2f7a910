import type { RetentionStore } from "../../core/ports/retention.js";
import {
  applyRetention,
  type RetentionCounts,
  type RetentionDeps,
  type RetentionPolicy,
} from "../../core/privacy/retention.js";
import type { TimerJob } from "./scheduler.js";

export interface RetentionJobOptions {
  readonly deps: RetentionDeps & { readonly store: RetentionStore };
  readonly policy: RetentionPolicy;
  readonly everyMs: number;
  readonly instanceId: string;
  /** Erasures whose run died, finished here too; returns how many. */
  readonly finishErasures?: () => Promise<number>;
  readonly onCounts: (counts: RetentionCounts & { readonly erasures_finished: number }) => void;
}

/**
 * Retention on the timers' tick. Every instance asks; the one that claims the run in the database
 * does it, and nobody else until the period has passed (a claim, not a lock: nothing is held while
 * the batches run, and a run cut off by a crash simply goes again next period).
 */
export const retentionJob = (options: RetentionJobOptions): TimerJob => ({
  name: "retention",
  async run(now) {
    const until = new Date(now.getTime() + options.everyMs);
    if (!(await options.deps.store.claimRun("retention", options.instanceId, now, until))) return 0;
    const erasures = (await options.finishErasures?.()) ?? 0;
    const counts = await applyRetention(options.deps, options.policy, now);
    options.onCounts({ ...counts, erasures_finished: erasures });
    // Housekeeping fires no timer, so it reports none.
    return 0;
  },
});
