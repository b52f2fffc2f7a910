import { startFakePlatforms } from "../../testkit/walk/fake-platforms.js";
import { startSlackAckSampler } from "../../testkit/walk/slack-ack.js";
import { createTelegramWalker } from "../../testkit/walk/telegram-walker.js";
import {
  calibrate,
  postTo,
  redelivering,
  type Send,
  type Walker,
  type WebhookRequest,
} from "../../testkit/walk/walker.js";
import { createWhatsAppWalker } from "../../testkit/walk/whatsapp-walk.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { perSecond, summarize } from "../stats.js";
import { startBareHttpProcess } from "../support/bare-http.js";
import { type CpuSpent, startCpuMeter } from "../support/cpu-meter.js";
import { benchPrefix, deleteKeys } from "../support/redis-keys.js";
import { withBenchDatabase } from "../support/servers.js";
import { startInstance } from "../support/service-instances.js";
import { readStoredOutcome } from "../support/stored-outcome.js";

const STEP_TIMEOUT_MS = 60_000;
/** A calibration step is over when the chat has been quiet this long. */
const QUIET_MS = 400;
/** One /ticket every this many ms during the walk: an agent's pace, not a second load. */
const SLACK_ACK_INTERVAL_MS = 50;
const TARGET_SUPPLIERS = 500;
/** A request refused or cut off is delivered again after this pause, as the platforms do. */
const REDELIVER_AFTER_MS = 1000;

/** Suppliers alternate between the channels: odd numbers on Telegram, even on WhatsApp Cloud. */
const walkerOf = (walkers: { telegram: Walker; whatsapp: Walker }, supplier: number) =>
  supplier % 2 === 1 ? walkers.telegram : walkers.whatsapp;

interface ServiceRun {
  readonly ms: number;
  readonly stepLatencies: number[];
  /** Every request each supplier sent, in order, for the floor to replay byte for byte. */
  readonly sent: WebhookRequest[][];
  readonly slackAcks: { latencies: number[]; failures: number };
  readonly cpu: CpuSpent;
  readonly messages: number;
  /** Attempts the service refused or cut off (each was delivered again). */
  readonly redelivered: number;
}

/**
 * The suppliers' walks through one service process (Telegram and WhatsApp Cloud webhooks, fake
 * platform APIs in this process), with an agent's /ticket acks sampled meanwhile. A step's latency
 * runs from sending the supplier's message to the bot's first answer reaching the fake API.
 */
const throughService = async (
  ctx: ScenarioContext,
  databaseUrl: string,
  suppliers: number,
): Promise<ServiceRun> => {
  const fakes = await startFakePlatforms();
  const prefix = benchPrefix("chat-flow");
  const walkers = {
    telegram: createTelegramWalker(fakes.telegram),
    whatsapp: createWhatsAppWalker(fakes.graph),
  };
  try {
    const service = await startInstance("chat-flow", {
      env: {
        ...fakes.env,
        DATABASE_URL: databaseUrl,
        DATABASE_MIGRATE_ON_START: "false",
        REDIS_URL: ctx.redisUrl,
        REDIS_KEY_PREFIX: prefix,
        OUTBOX_SEND_TIMEOUT_MS: "15000",
        OUTBOX_LEASE_MS: "60000",
      },
    });
    let redelivered = 0;
    try {
      const send = redelivering(postTo(service.url), REDELIVER_AFTER_MS, () => void redelivered++);
      // Supplier 0 of each channel walks alone first: it counts the bot's messages per step.
      const expected = {
        telegram: await calibrate(walkers.telegram, send, 0, {
          timeoutMs: STEP_TIMEOUT_MS,
          quietMs: QUIET_MS,
        }),
        whatsapp: await calibrate(walkers.whatsapp, send, 0, {
          timeoutMs: STEP_TIMEOUT_MS,
          quietMs: QUIET_MS,
        }),
      };
      ctx.progress(
        `chat-flow: bot messages per step telegram ${expected.telegram.join(",")}, whatsapp ${expected.whatsapp.join(",")}; ${suppliers} suppliers`,
      );
      const sampler = startSlackAckSampler(service.url, fakes.slack, SLACK_ACK_INTERVAL_MS);
      const meter = await startCpuMeter(ctx.redisUrl, [service.pid]);
      const stepLatencies: number[] = [];
      const sent: WebhookRequest[][] = [];
      let messages = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: suppliers }, async (_, k) => {
          const supplier = k + 1;
          const walker = walkerOf(walkers, supplier);
          const counts = expected[walker.channel];
          const mine: WebhookRequest[] = [];
          sent.push(mine);
          for (let step = 0; step < walker.steps; step++) {
            const before = walker.inbox.count(supplier);
            const request = walker.request(supplier, step);
            mine.push(request);
            const sentAt = Date.now();
            await send(request);
            messages++;
            await walker.inbox.waitFor(supplier, before + counts[step]!, STEP_TIMEOUT_MS);
            if (counts[step]! > 0) stepLatencies.push(walker.inbox.arrivedAt(supplier, before) - sentAt);
          }
        }),
      );
      const ms = performance.now() - start;
      const cpu = await meter.stop();
      const slackAcks = await sampler.stop();
      // A walk that ended without its ticket would make the figures meaningless.
      const tickets = (await readStoredOutcome(databaseUrl)).tickets.length;
      if (tickets !== suppliers + 2) throw new Error(`expected ${suppliers + 2} tickets, found ${tickets}`);
      return { ms, stepLatencies, sent, slackAcks, cpu, messages, redelivered };
    } finally {
      await service.stop();
    }
  } finally {
    walkers.telegram.close();
    walkers.whatsapp.close();
    await fakes.close();
    await deleteKeys(ctx.redisUrl, prefix);
  }
};

/** The floor: the same requests, each supplier's in order, at the same concurrency, to a bare HTTP server. */
const throughBareHttp = async (sent: readonly WebhookRequest[][]): Promise<number> => {
  const bare = await startBareHttpProcess();
  try {
    const send: Send = redelivering(postTo(bare.url), REDELIVER_AFTER_MS);
    const start = performance.now();
    await Promise.all(
      sent.map(async (requests) => {
        for (const request of requests) await send(request);
      }),
    );
    return performance.now() - start;
  } finally {
    await bare.close();
  }
};

/** slack-ack is measured inside chat-flow, since its target is "during chat-flow". */
const slackAckRows = (size: string, acks: ServiceRun["slackAcks"], atTarget: boolean): Measurement[] => {
  const ack = summarize(acks.latencies);
  const base = { scenario: "slack-ack", size: `${size} (${ack.count} acks, ${acks.failures} failed)` };
  return [
    { ...base, metric: "/ticket ack p50", unit: "ms", figure: ack.p50 },
    {
      ...base,
      metric: "/ticket ack p99",
      unit: "ms",
      figure: ack.p99,
      ...(atTarget
        ? { target: { text: "< 100 ms, none failed", holds: ack.p99 < 100 && acks.failures === 0 } }
        : {}),
    },
  ];
};

/** Where the CPU went, per inbound message: the reason the throughput is what it is. */
const cpuRows = (size: string, cpu: CpuSpent, messages: number): Measurement[] =>
  (
    [
      ["service process", cpu.service],
      ["PostgreSQL", cpu.postgres],
      ["Redis", cpu.redis],
      ["load generator + fake APIs", cpu.bench],
    ] as const
  ).map(([party, ms]) => ({
    scenario: "chat-flow",
    size,
    metric: `CPU per message, ${party}`,
    unit: "ms",
    figure: ms / messages,
  }));

const measure = async (ctx: ScenarioContext, suppliers: number): Promise<Measurement[]> => {
  ctx.progress(`chat-flow: ${suppliers} suppliers through the service`);
  const run = await withBenchDatabase(ctx.databaseUrl, (db) => throughService(ctx, db.url, suppliers));
  ctx.progress(`chat-flow: the same ${run.messages} requests against bare HTTP (floor)`);
  const floorMs = await throughBareHttp(run.sent);
  const figure = perSecond(run.messages, run.ms);
  const floor = perSecond(run.messages, floorMs);
  const ratio = figure / floor;
  const latency = summarize(run.stepLatencies);
  const atTarget = suppliers === TARGET_SUPPLIERS;
  const size = `suppliers=${suppliers}${run.redelivered > 0 ? ` (${run.redelivered} requests redelivered)` : ""}`;
  const base = { scenario: "chat-flow", size } as const;
  return [
    {
      ...base,
      metric: "inbound messages",
      unit: "msg/s",
      figure,
      floor,
      ratio,
      ...(atTarget
        ? { target: { text: "≥ 2,000/s and ≥ 30% of bare HTTP", holds: figure >= 2000 && ratio >= 0.3 } }
        : {}),
    },
    { ...base, metric: "tickets opened", unit: "tickets/s", figure: perSecond(suppliers, run.ms) },
    { ...base, metric: "step latency p50", unit: "ms", figure: latency.p50 },
    { ...base, metric: "step latency p95", unit: "ms", figure: latency.p95 },
    {
      ...base,
      metric: "step latency p99",
      unit: "ms",
      figure: latency.p99,
      ...(atTarget ? { target: { text: "< 50 ms", holds: latency.p99 < 50 } } : {}),
    },
    ...cpuRows(size, run.cpu, run.messages),
    ...slackAckRows(size, run.slackAcks, atTarget),
  ];
};

export const chatFlow: Scenario = {
  name: "chat-flow",
  describe:
    "suppliers walking the open-ticket flow on Telegram and WhatsApp Cloud webhooks vs a bare HTTP server",
  async run(ctx) {
    const sizes = ctx.quick ? [50, 200] : [100, TARGET_SUPPLIERS, 1000];
    const out: Measurement[] = [];
    // A size that fails is reported and the others still measured: one bad size should not blank the rest.
    const failed: string[] = [];
    for (const size of sizes) {
      try {
        out.push(...(await measure(ctx, size)));
      } catch (error) {
        const message =
          error instanceof Error
            ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ""}`
            : String(error);
        ctx.progress(`chat-flow: ${size} suppliers failed: ${message}`);
        failed.push(`${size}: ${message}`);
      }
    }
    if (out.length === 0) throw new Error(failed.join("; "));
    return out;
  },
};
