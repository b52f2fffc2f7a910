import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { perSecond, summarize } from "../stats.js";
import { type ChatTarget, type ChatTargetKind, withChatTarget } from "../support/chat-targets.js";
import { type CpuSpent, startCpuMeter } from "../support/cpu-meter.js";
import { walkCrowd } from "../support/crowd-walk.js";
import { BACKLOG_SECONDS, offerRate } from "../support/offer-rate.js";
import type { OpenLoopRun } from "../support/open-loop.js";

/** chamado's service CPU per message may be at most this many times the peer's. */
const TARGET_CPU_RATIO = 1.4;
const STEP_TIMEOUT_MS = 60_000;

const PLANS = {
  quick: { crowds: [100], rate: 100, warmupMs: 6_000, measureMs: 8_000 },
  full: { crowds: [100, 300], rate: 100, warmupMs: 12_000, measureMs: 20_000 },
} as const;

type Plan = (typeof PLANS)[keyof typeof PLANS];

interface CrowdRun {
  readonly suppliers: number;
  readonly messages: number;
  readonly ms: number;
  readonly cpu: CpuSpent;
}

interface TargetRuns {
  /** What supplier 0 read on its walk. */
  readonly transcript: readonly string[];
  readonly crowds: CrowdRun[];
  readonly rate: OpenLoopRun<CpuSpent>;
}

/** Every supplier at once, each answering as soon as the bot asks: how many messages the bot can take. */
const crowd = async (
  ctx: ScenarioContext,
  target: ChatTarget,
  suppliers: number,
  firstIndex: number,
): Promise<CrowdRun> => {
  const meter = await startCpuMeter(ctx.redisUrl, [target.pid]);
  const walk = await walkCrowd({
    walkers: [target.walker],
    send: target.send,
    suppliers,
    concurrency: suppliers,
    firstIndex,
    calibrated: new Map([[target.walker, target.counts]]),
    stepTimeoutMs: STEP_TIMEOUT_MS,
    // Unused: the target walked supplier 0 when it started.
    calibration: { timeoutMs: STEP_TIMEOUT_MS, quietMs: 0 },
  });
  const cpu = await meter.stop();
  const stalled = walk.walks.find((w) => w.stalled);
  if (stalled)
    throw new Error(`${target.kind}: supplier ${stalled.index} stalled: ${stalled.stalled!.reason}`);
  return { suppliers, messages: walk.messages, ms: walk.ms, cpu };
};

/** The crowds, then the fixed rate, against one target; the tickets stored must match the walks. */
const measureTarget = (ctx: ScenarioContext, kind: ChatTargetKind, plan: Plan): Promise<TargetRuns> =>
  withChatTarget(ctx, kind, async (target) => {
    const crowds: CrowdRun[] = [];
    let next = 1;
    for (const suppliers of plan.crowds) {
      ctx.progress(`chat-peer: ${kind}, ${suppliers} suppliers at once`);
      crowds.push(await crowd(ctx, target, suppliers, next));
      next += suppliers;
    }
    ctx.progress(`chat-peer: ${kind}, offered ${plan.rate} msg/s`);
    const rate = await offerRate(ctx, target, plan.rate, plan, next);
    for (const failure of rate.failures) ctx.progress(`chat-peer: ${kind}: ${failure}`);
    const walks = 1 + plan.crowds.reduce((n, c) => n + c, 0) + rate.completedWalks;
    const tickets = await target.tickets();
    // A step that failed may still have been applied (its answer was late), so then only a shortfall counts.
    if (rate.failures.length === 0 ? tickets !== walks : tickets < walks)
      throw new Error(`${kind}: ${walks} walks completed but ${tickets} tickets were stored`);
    return { transcript: target.walker.received(0), crowds, rate };
  });

/** The comparison means something only while the peer asks what chamado asks, word for word. */
const sameQuestions = (chamado: readonly string[], peer: readonly string[]) => {
  const at = chamado.findIndex((text, i) => text !== peer[i]);
  if (at === -1 && chamado.length === peer.length) return;
  const which = at === -1 ? chamado.length : at;
  throw new Error(
    `the peer bot no longer asks chamado's questions (bench/support/peer-bot-flow.ts): message ${which + 1} is ` +
      `${JSON.stringify(chamado[which] ?? null)} from chamado, ${JSON.stringify(peer[which] ?? null)} from the peer`,
  );
};

/** chamado's figure against the peer's, the peer being the floor: ratio is chamado / peer. */
const versus = (
  size: string,
  metric: string,
  unit: string,
  chamado: number,
  peer: number,
  target?: string,
): Measurement => ({
  scenario: "chat-peer",
  size,
  metric,
  unit,
  figure: chamado,
  floor: peer,
  ratio: chamado / peer,
  ...(target ? { target: { text: target, holds: chamado / peer <= TARGET_CPU_RATIO } } : {}),
});

// In the ratio column's terms (chamado / peer), so the row reads at a glance.
const CPU_TARGET = `≤ ${Math.round(TARGET_CPU_RATIO * 100)}% of the peer's`;

/** Service CPU is the service's own process; PostgreSQL and Redis are whole servers, shared with anything else running. */
const cpuRows = (
  size: string,
  chamado: CpuSpent,
  cm: number,
  peer: CpuSpent,
  pm: number,
  target: boolean,
) => [
  versus(
    size,
    "service CPU per message",
    "ms",
    chamado.service / cm,
    peer.service / pm,
    target ? CPU_TARGET : undefined,
  ),
  versus(size, "PostgreSQL CPU per message (server)", "ms", chamado.postgres / cm, peer.postgres / pm),
  versus(size, "Redis CPU per message (server)", "ms", chamado.redis / cm, peer.redis / pm),
  // The same load costs the generator about the same; far apart, one target was driven harder.
  versus(size, "load generator + fake APIs CPU per message", "ms", chamado.bench / cm, peer.bench / pm),
];

const rowsOf = (plan: Plan, chamado: TargetRuns, peer: TargetRuns): Measurement[] => {
  const crowdRows = chamado.crowds.flatMap((c, i) => {
    const p = peer.crowds[i]!;
    const size = `telegram suppliers=${c.suppliers}, all at once`;
    return [
      versus(size, "inbound messages", "msg/s", perSecond(c.messages, c.ms), perSecond(p.messages, p.ms)),
      ...cpuRows(size, c.cpu, c.messages, p.cpu, p.messages, i === chamado.crowds.length - 1),
    ];
  });
  const c = chamado.rate;
  const p = peer.rate;
  const stopped = [c.overloaded ? "chamado" : "", p.overloaded ? "peer" : ""].filter(Boolean).join(" and ");
  const size =
    `offered ${plan.rate}/s poisson (${c.offered} / ${p.offered} msgs, ${c.unanswered} / ${p.unanswered} unanswered` +
    `${stopped ? `; ${stopped} stopped: an answer took over ${BACKLOG_SECONDS} s` : ""})`;
  const cl = summarize(c.latencies);
  const pl = summarize(p.latencies);
  return [
    ...crowdRows,
    versus(size, "step latency p50", "ms", cl.p50, pl.p50),
    versus(size, "step latency p99", "ms", cl.p99, pl.p99),
    ...cpuRows(size, c.meter, c.answered, p.meter, p.answered, true),
  ];
};

export const chatPeer: Scenario = {
  name: "chat-peer",
  describe:
    "the service vs a minimal telegraf bot (Redis session, one INSERT) under the same Telegram load: throughput, CPU per message",
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    // One after the other, never side by side: each gets the whole machine while it is measured.
    const chamado = await measureTarget(ctx, "chamado", plan);
    const peer = await measureTarget(ctx, "peer", plan);
    sameQuestions(chamado.transcript, peer.transcript);
    return rowsOf(plan, chamado, peer);
  },
};
