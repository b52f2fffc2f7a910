import type { ScenarioContext } from "../scenario.js";
import type { ChatTarget } from "./chat-targets.js";
import { type CpuSpent, startCpuMeter } from "./cpu-meter.js";
import { type OpenLoopRun, runOpenLoop } from "./open-loop.js";

export interface RatePlan {
  readonly warmupMs: number;
  readonly measureMs: number;
}

/**
 * Half a second on average between an answer and a supplier's next message: people are slower, but a
 * longer pause only adds idle conversations, and it would stretch the warm-up (one whole walk) with it.
 */
const THINK_MS = 500;
const STEP_TIMEOUT_MS = 60_000;
/** Seconds a message may wait for its answer before a rate counts as more than the target can take. */
export const BACKLOG_SECONDS = 5;
/** A walk takes nine answers: with answers seconds late, the first walk may end well after the nominal warm-up. */
const MAX_EXTRA_WARMUP_MS = 30_000;

/**
 * Offers Telegram supplier messages to `target` at `rate` per second: suppliers arrive on a Poisson
 * schedule (seeded by the rate, so every run offers the same one) and walk the flow. Meters the
 * target's CPU over the measured window.
 */
export const offerRate = (
  ctx: ScenarioContext,
  target: ChatTarget,
  rate: number,
  plan: RatePlan,
  firstSupplier: number,
): Promise<OpenLoopRun<CpuSpent>> =>
  runOpenLoop(
    {
      walker: target.walker,
      send: target.send,
      counts: target.counts,
      ratePerSecond: rate,
      shape: "poisson",
      seed: rate,
      warmupMs: plan.warmupMs,
      measureMs: plan.measureMs,
      thinkMs: THINK_MS,
      firstSupplier,
      stepTimeoutMs: STEP_TIMEOUT_MS,
      maxWaitMs: BACKLOG_SECONDS * 1000,
      maxWarmupMs: plan.warmupMs + MAX_EXTRA_WARMUP_MS,
    },
    () => startCpuMeter(ctx.redisUrl, [target.pid]),
  );
