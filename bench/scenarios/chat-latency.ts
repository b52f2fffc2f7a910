import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { percentile, perSecond, summarize } from "../stats.js";
import { type ChatTarget, withChatTarget } from "../support/chat-targets.js";
import type { CpuSpent } from "../support/cpu-meter.js";
import { BACKLOG_SECONDS, offerRate, type RatePlan } from "../support/offer-rate.js";
import type { OpenLoopRun } from "../support/open-loop.js";

const TARGET_RATE = 100;
const TARGET_P99_MS = 50;
/** The rate reported as sustainable is the highest whose p99 stays under this. */
const SUSTAINABLE_P99_MS = 100;

const PLANS = {
  quick: { rates: [50, 100, 200], warmupMs: 6_000, measureMs: 8_000 },
  full: { rates: [50, 100, 150, 200, 300], warmupMs: 12_000, measureMs: 20_000 },
} as const;

interface RateResult {
  readonly rate: number;
  readonly run: OpenLoopRun<CpuSpent>;
}

/** Held when every message due in the window was answered, none waited past the backlog limit, and p99 is under `ms`. */
const heldUnder = (r: RateResult, ms: number) =>
  !r.run.overloaded && r.run.unanswered === 0 && percentile(r.run.latencies, 99) < ms;

const rowsOf = ({ rate, run }: RateResult): Measurement[] => {
  const latency = summarize(run.latencies);
  const achieved = perSecond(run.answered, run.windowMs);
  const stopped = run.overloaded ? `, stopped: an answer took over ${BACKLOG_SECONDS} s` : "";
  const size = `offered ${rate}/s poisson (${run.offered} msgs due, ${run.unanswered} unanswered${stopped})`;
  const base = { scenario: "chat-latency", size } as const;
  const atTarget = rate === TARGET_RATE;
  return [
    // Against the nominal rate: a target that falls behind also holds its suppliers back, so fewer
    // messages fall due in the window than the schedule's arrivals call for.
    {
      ...base,
      metric: "achieved rate",
      unit: "msg/s",
      figure: achieved,
      floor: rate,
      ratio: achieved / rate,
    },
    { ...base, metric: "step latency p50", unit: "ms", figure: latency.p50 },
    { ...base, metric: "step latency p95", unit: "ms", figure: latency.p95 },
    {
      ...base,
      metric: "step latency p99",
      unit: "ms",
      figure: latency.p99,
      ...(atTarget
        ? {
            target: {
              text: `< ${TARGET_P99_MS} ms at ${TARGET_RATE}/s, none unanswered`,
              holds: heldUnder({ rate, run }, TARGET_P99_MS),
            },
          }
        : {}),
    },
    { ...base, metric: "service CPU per message", unit: "ms", figure: run.meter.service / run.answered },
    // Latency counts from the due time, so this much of it was the load generator's own delay.
    { ...base, metric: "load generator lag p99", unit: "ms", figure: percentile(run.lag, 99) },
  ];
};

const measure = async (
  ctx: ScenarioContext,
  target: ChatTarget,
  rates: readonly number[],
  plan: RatePlan,
) => {
  const results: RateResult[] = [];
  let nextSupplier = 1;
  for (const rate of rates) {
    ctx.progress(
      `chat-latency: offering ${rate} msg/s for at least ${(plan.warmupMs + plan.measureMs) / 1000} s`,
    );
    const run = await offerRate(ctx, target, rate, plan, nextSupplier);
    nextSupplier = run.nextSupplier;
    results.push({ rate, run });
    for (const failure of run.failures) ctx.progress(`chat-latency: ${failure}`);
    const bySteps = run.latenciesByStep.map((l, s) => `${s}:${Math.round(percentile(l, 95))} (${l.length})`);
    ctx.progress(`chat-latency: ${rate}/s, p95 ms (messages) by step: ${bySteps.join(" ")}`);
    if (run.overloaded) {
      // A higher rate would only grow the backlog faster; its figures would say nothing new.
      const skipped = rates.filter((r) => r > rate);
      if (skipped.length > 0)
        ctx.progress(`chat-latency: ${rate}/s overloaded, ${skipped.join(", ")}/s not run`);
      break;
    }
  }
  // Each completed walk must have opened exactly one ticket, or the latencies timed something else.
  const walks = 1 + results.reduce((n, r) => n + r.run.completedWalks, 0);
  const tickets = await target.tickets();
  // A step that failed may still have been applied (its answer was late), so then only a shortfall counts.
  const failed = results.some((r) => r.run.failures.length > 0);
  if (failed ? tickets < walks : tickets !== walks)
    throw new Error(`${walks} walks completed but ${tickets} tickets were stored`);
  return results;
};

export const chatLatency: Scenario = {
  name: "chat-latency",
  describe:
    "Telegram suppliers offered at fixed rates (open loop, Poisson) through the service: step latency per rate",
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const results = await withChatTarget(ctx, "chamado", (target) => measure(ctx, target, plan.rates, plan));
    // Rates count up to the first that misses: a lucky higher rate after a miss is noise, not headroom.
    const firstMiss = results.findIndex((r) => !heldUnder(r, SUSTAINABLE_P99_MS));
    const held = firstMiss === -1 ? results : results.slice(0, firstMiss);
    return [
      ...results.flatMap(rowsOf),
      {
        scenario: "chat-latency",
        size: `offered ${plan.rates.join(" / ")}/s`,
        metric: `highest rate with p99 < ${SUSTAINABLE_P99_MS} ms`,
        unit: "msg/s",
        figure: held.at(-1)?.rate ?? 0,
      },
    ];
  },
};
