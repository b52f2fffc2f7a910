import { type FakePlatforms, startFakePlatforms } from "../../testkit/walk/fake-platforms.js";
import { OPEN_TICKET_WALK, type Step } from "../../testkit/walk/telegram-walk.js";
import { createTelegramWalker } from "../../testkit/walk/telegram-walker.js";
import type { Walker } from "../../testkit/walk/walker.js";
import { createWhatsAppWalker, WHATSAPP_OPEN_TICKET_WALK } from "../../testkit/walk/whatsapp-walk.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { perSecond, summarize } from "../stats.js";
import { type CrowdWalk, walkCrowd } from "../support/crowd-walk.js";
import { benchPrefix, deleteKeys } from "../support/redis-keys.js";
import { createRoundRobin, type RoundRobin } from "../support/round-robin.js";
import { withBenchDatabase } from "../support/servers.js";
import { type ServiceInstance, startInstance, startInstances } from "../support/service-instances.js";
import { diagnoseStalls, type StallCause, type StallDiagnosis } from "../support/stall-diagnosis.js";
import { readStoredOutcome, waitForOutboxDrained } from "../support/stored-outcome.js";
import { type ExpectedTicket, judgeWalks, type Verdict } from "../support/walk-verdict.js";

/** Long enough for a redelivery to wait out a dead instance's contact lock (LOCK_TTL below) under load. */
const STEP_TIMEOUT_MS = 30_000;
const CALIBRATION = { timeoutMs: 30_000, quietMs: 400 };
/** The share of all steps done when one instance is killed. */
const KILL_AT = 0.4;
const DRAIN_TIMEOUT_MS = 120_000;

interface Plan {
  readonly instances: number;
  readonly suppliers: number;
  /** Suppliers walking at once. */
  readonly concurrency: number;
}

/**
 * How fast a dead instance's leftovers come back: its per-contact locks after 10 s (default 30 s),
 * its outbox claims after 15 s (default 60 s). Send timeout stays generous for a loaded machine.
 */
const SHARED_ENV = {
  DATABASE_MIGRATE_ON_START: "false",
  CONVERSATION_LOCK_TTL_SECONDS: "10",
  OUTBOX_LEASE_MS: "15000",
  OUTBOX_SEND_TIMEOUT_MS: "10000",
} as const;

const text = (walk: readonly Step[], step: number): string => {
  const s = walk[step]!;
  if (s.kind !== "text") throw new Error(`step ${step} of the walk is not a text`);
  return s.text;
};

/** What each channel's walk stores: subject and description are what the supplier typed. */
const expectedTicket = (walker: Walker): ExpectedTicket => {
  const walk = walker.channel === "telegram" ? OPEN_TICKET_WALK : WHATSAPP_OPEN_TICKET_WALK;
  return {
    subject: text(walk, 2),
    department: "technical",
    priority: "HIGH",
    type: "incident",
    message: text(walk, 6),
  };
};

interface Chaos {
  /** The instance killed, after how many steps and ms of the timed walks, with its requests in flight. */
  killed: { name: string; atStep: number; atMs: number; inFlight: number } | null;
}

/** SIGKILLs the last instance (no warning to anyone), then starts a replacement that joins the rotation. */
const killOne = async (
  ctx: ScenarioContext,
  instances: ServiceInstance[],
  rr: RoundRobin,
  env: Record<string, string>,
  at: { step: number; ms: number },
  chaos: Chaos,
) => {
  const victim = instances.at(-1)!;
  chaos.killed = { name: victim.name, atStep: at.step, atMs: at.ms, inFlight: rr.inFlight(victim.name) };
  await victim.kill("SIGKILL");
  rr.remove(victim.name);
  ctx.progress(
    `scale: SIGKILL ${victim.name} at step ${at.step} (${chaos.killed.inFlight} requests in flight)`,
  );
  const started = performance.now();
  const replacement = await startInstance(`scale-${instances.length + 1}`, { env });
  instances.push(replacement);
  rr.add(replacement);
  ctx.progress(`scale: ${replacement.name} joined after ${Math.round(performance.now() - started)} ms`);
};

const rows = (
  plan: Plan,
  run: CrowdWalk,
  verdict: Verdict,
  rr: RoundRobin,
  chaos: Chaos,
  rss: number[],
  stalls: readonly StallDiagnosis[],
  outbox: ReadonlyMap<string, number>,
) => {
  const items = [...outbox.values()].reduce((a, b) => a + b, 0);
  const delivered = [...outbox].filter(([k]) => k.endsWith(" DELIVERED")).reduce((n, [, v]) => n + v, 0);
  const count = (cause: StallCause) => stalls.filter((s) => s.cause === cause).length;
  const base = {
    scenario: "scale",
    size: `instances=${plan.instances} suppliers=${plan.suppliers} (Telegram + WhatsApp Cloud), 1 SIGKILL`,
  } as const;
  const all = verdict.suppliers;
  const latency = summarize(run.latencies);
  const row = (metric: string, unit: string, figure: number, target?: { text: string; holds: boolean }) => ({
    ...base,
    metric,
    unit,
    figure,
    ...(target ? { target } : {}),
  });
  return [
    row("inbound messages", "msg/s", perSecond(run.messages, run.ms)),
    ...(chaos.killed
      ? [row("inbound messages before the kill", "msg/s", perSecond(chaos.killed.atStep, chaos.killed.atMs))]
      : []),
    row("step latency p50", "ms", latency.p50),
    row("step latency p99", "ms", latency.p99),
    row(`requests retried after ${chaos.killed?.name ?? "no"} kill`, "requests", rr.retried().size),
    row("tickets", "tickets", verdict.tickets, {
      text: `= ${all} suppliers, one each (${verdict.ticketTwice} twice, ${verdict.ticketNone} none)`,
      holds: verdict.tickets === all && verdict.ticketTwice === 0 && verdict.ticketNone === 0,
    }),
    row("conversations completed, no request resent", "suppliers", verdict.untouchedCompleted, {
      text: `all ${verdict.untouched} whose messages each went to one instance, round-robin`,
      holds: verdict.untouchedCompleted === verdict.untouched,
    }),
    row("conversations completed", "suppliers", verdict.completed, {
      text: `all ${all} got their "ticket opened"`,
      holds: verdict.completed === all,
    }),
    row("tickets holding what was sent", "tickets", verdict.storedIntact, {
      text: `all ${all}: fields and one opening message`,
      holds: verdict.storedIntact === all,
    }),
    row("supplier messages never processed", "messages", count("never processed"), {
      text: `0 (${count("unknown")} more stalled where the session cannot tell)`,
      holds: count("never processed") === 0 && count("unknown") === 0,
    }),
    row("answers never sent (message processed)", "answers", count("answer never sent")),
    row("inbound receipts taken", "receipts", verdict.receipts, {
      text: `= ${verdict.requestsSent} updates sent, each received (${verdict.receiptsOfSent})`,
      holds: verdict.receipts === verdict.requestsSent && verdict.receiptsOfSent === verdict.requestsSent,
    }),
    row("suppliers with an answer twice", "suppliers", verdict.answersDuplicated, {
      text: "0 (bot messages per supplier = calibration walk)",
      holds: verdict.answersDuplicated === 0,
    }),
    row("suppliers missing an answer", "suppliers", verdict.answersMissing, {
      text: "0",
      holds: verdict.answersMissing === 0,
    }),
    row("Slack root messages", "messages", verdict.slackRoots, {
      text: `one per ticket (${verdict.ticketsWithOneRoot} of ${verdict.tickets})`,
      holds: verdict.slackRoots === verdict.tickets && verdict.ticketsWithOneRoot === verdict.tickets,
    }),
    row("outbox items delivered", "items", delivered, {
      text: `all ${items}, none left pending or failed`,
      holds: delivered === items,
    }),
    row("largest instance RSS at the end", "MB", Math.max(...rss) / 1024 / 1024),
  ];
};

const measure = async (ctx: ScenarioContext, databaseUrl: string, plan: Plan): Promise<Measurement[]> => {
  const platforms: FakePlatforms = await startFakePlatforms();
  const prefix = benchPrefix("scale");
  const env = {
    ...platforms.env,
    ...SHARED_ENV,
    DATABASE_URL: databaseUrl,
    REDIS_URL: ctx.redisUrl,
    REDIS_KEY_PREFIX: prefix,
  };
  const instances: ServiceInstance[] = [];
  const walkers = [
    createTelegramWalker(platforms.telegram, { firstUpdateId: 710_000_001 }),
    createWhatsAppWalker(platforms.graph),
  ];
  try {
    instances.push(...(await startInstances("scale", plan.instances, { env })));
    ctx.progress(`scale: ${instances.map((i) => `${i.name} pid ${i.pid}`).join(", ")}`);
    const rr = createRoundRobin(instances);
    const chaos: Chaos = { killed: null };
    let killing: Promise<unknown> | null = null;
    const run = await walkCrowd({
      walkers,
      send: rr.send,
      suppliers: plan.suppliers,
      concurrency: plan.concurrency,
      stepTimeoutMs: STEP_TIMEOUT_MS,
      calibration: CALIBRATION,
      progress: (line) => ctx.progress(`scale: ${line}`),
      onStep(done, total, ms) {
        if (killing || done < total * KILL_AT) return;
        // Settled here so a failed replacement is reported after the walks, not as an unhandled rejection.
        killing = killOne(ctx, instances, rr, env, { step: done, ms }, chaos).then(
          () => null,
          (error: unknown) => error,
        );
      },
    });
    const killError = await killing;
    if (killError) throw killError;
    ctx.progress(
      `scale: walks done in ${(run.ms / 1000).toFixed(1)} s; ${rr.retried().size} requests retried`,
    );
    const pending = await waitForOutboxDrained(databaseUrl, DRAIN_TIMEOUT_MS);
    if (pending > 0) ctx.progress(`scale: ${pending} outbox items still pending`);
    const outcome = await readStoredOutcome(databaseUrl);
    ctx.progress(`scale: outbox ${[...outcome.outbox].map(([k, n]) => `${k}=${n}`).join(", ")}`);
    const verdict = judgeWalks(
      run.walks,
      outcome,
      {
        answers: (walker) => run.expected.get(walker)!.reduce((a, b) => a + b, 0),
        ticket: expectedTicket,
      },
      platforms.slack,
      rr.retried(),
    );
    for (const line of verdict.problems) ctx.progress(`scale: ${line}`);
    const stalls = run.walks.flatMap((walk) =>
      walk.stalled?.request ? [{ walk, step: walk.stalled.step, request: walk.stalled.request }] : [],
    );
    const where = { databaseUrl, redisUrl: ctx.redisUrl, prefix };
    const diagnoses = await diagnoseStalls(stalls, where, rr.retried());
    for (const d of diagnoses) ctx.progress(`scale: stalled ${d.line}`);
    for (const [id, why] of [...rr.retried()].slice(0, 5)) ctx.progress(`scale: retried ${id} (${why})`);
    const rss = (await Promise.all(instances.map((i) => i.rss()))).filter((r): r is number => r !== null);
    return rows(plan, run, verdict, rr, chaos, rss, diagnoses, outcome.outbox);
  } finally {
    for (const w of walkers) w.close();
    await Promise.all(instances.map((i) => i.stop()));
    await platforms.close();
    await deleteKeys(ctx.redisUrl, prefix);
  }
};

export const scale: Scenario = {
  name: "scale",
  describe:
    "3 instances (quick: 2) on one PostgreSQL and Redis, round-robin Telegram + WhatsApp Cloud webhooks, one SIGKILLed mid-run",
  run(ctx) {
    const plan: Plan = ctx.quick
      ? { instances: 2, suppliers: 150, concurrency: 50 }
      : { instances: 3, suppliers: 600, concurrency: 120 };
    ctx.progress(
      `scale: ${plan.instances} instances, ${plan.suppliers} suppliers, ${plan.concurrency} at once`,
    );
    return withBenchDatabase(ctx.databaseUrl, (db) => measure(ctx, db.url, plan));
  },
};
