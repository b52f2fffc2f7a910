import type { FakeTelegramApi } from "../../test/support/fake-telegram-api.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { perSecond, summarize } from "../stats.js";
import { startBareHttpServer } from "../support/bare-http.js";
import type { BotInbox } from "../support/bot-inbox.js";
import { postUpdate, startChatService } from "../support/chat-service.js";
import { withBenchDatabase } from "../support/servers.js";
import { startSlackAckSampler } from "../support/slack-ack.js";
import { createUpdates, OPEN_TICKET_WALK, supplier, updateFor } from "../support/telegram-walk.js";

const STEP_TIMEOUT_MS = 30_000;
/** A calibration step is over when the chat has been quiet this long. */
const QUIET_MS = 400;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  readonly ms: number;
  readonly stepLatencies: number[];
}

interface ServiceRun extends Run {
  /** Signed /ticket commands acknowledged while the suppliers walked. */
  readonly slackAcks: { latencies: number[]; failures: number };
}

/** One /ticket every this many ms during the walk: an agent's pace, not a second load. */
const SLACK_ACK_INTERVAL_MS = 50;

/**
 * Walks one supplier through the flow alone and counts the bot's messages per step, so the timed
 * walks know when each step's answer is complete. It also proves the flow opens a ticket.
 */
const calibrate = async (
  webhook: string,
  api: FakeTelegramApi,
  inbox: BotInbox,
  updates: ReturnType<typeof createUpdates>,
): Promise<number[]> => {
  const person = supplier(0);
  const counts: number[] = [];
  for (const step of OPEN_TICKET_WALK) {
    const before = inbox.count(person.userId);
    await postUpdate(webhook, updateFor(updates, person, step, api));
    await inbox.waitFor(person.userId, before + 1, STEP_TIMEOUT_MS);
    let seen = inbox.count(person.userId);
    for (;;) {
      await sleep(QUIET_MS);
      if (inbox.count(person.userId) === seen) break;
      seen = inbox.count(person.userId);
    }
    counts.push(seen - before);
  }
  return counts;
};

const walkAll = async (
  suppliers: number,
  send: (index: number, step: number) => Promise<number | null>,
): Promise<Run> => {
  const stepLatencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: suppliers }, async (_, i) => {
      for (let s = 0; s < OPEN_TICKET_WALK.length; s++) {
        const latency = await send(i + 1, s);
        if (latency !== null) stepLatencies.push(latency);
      }
    }),
  );
  return { ms: performance.now() - start, stepLatencies };
};

/** The suppliers' walks through the service, with an agent's /ticket acks sampled meanwhile. */
const throughService = async (
  ctx: ScenarioContext,
  databaseUrl: string,
  suppliers: number,
): Promise<ServiceRun> => {
  const chat = await startChatService(ctx, databaseUrl, "chat-flow");
  try {
    const { inbox, telegram, webhook } = chat;
    const updates = createUpdates(700_000_001);
    const expected = await calibrate(webhook, telegram, inbox, updates);
    ctx.progress(`chat-flow: bot messages per step ${expected.join(",")}; ${suppliers} suppliers`);
    const sampler = startSlackAckSampler(chat.service.url, chat.slack, SLACK_ACK_INTERVAL_MS);
    const run = await walkAll(suppliers, async (index, step) => {
      const person = supplier(index);
      const before = inbox.count(person.userId);
      const update = updateFor(updates, person, OPEN_TICKET_WALK[step]!, telegram);
      const sentAt = Date.now();
      await postUpdate(webhook, update);
      await inbox.waitFor(person.userId, before + expected[step]!, STEP_TIMEOUT_MS);
      return expected[step]! > 0 ? inbox.arrivedAt(person.userId, before) - sentAt : null;
    });
    const slackAcks = await sampler.stop();
    const tickets = await chat.service.core.db.prisma.ticket.count();
    if (tickets !== suppliers + 1) throw new Error(`expected ${suppliers + 1} tickets, found ${tickets}`);
    return { ...run, slackAcks };
  } finally {
    await chat.stop();
  }
};

/** The floor: the same updates at the same concurrency to a bare Node HTTP server. */
const throughBareHttp = async (suppliers: number): Promise<Run> => {
  const bare = await startBareHttpServer();
  try {
    const updates = createUpdates(800_000_001);
    return await walkAll(suppliers, async (index, step) => {
      await postUpdate(bare.url, updateFor(updates, supplier(index), OPEN_TICKET_WALK[step]!, null));
      return null;
    });
  } finally {
    await bare.close();
  }
};

const TARGET_SUPPLIERS = 500;

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

const measure = async (ctx: ScenarioContext, suppliers: number): Promise<Measurement[]> => {
  ctx.progress(`chat-flow: ${suppliers} suppliers through the service`);
  const run = await withBenchDatabase(ctx.databaseUrl, (db) => throughService(ctx, db.url, suppliers));
  ctx.progress(`chat-flow: ${suppliers} suppliers against bare HTTP (floor)`);
  const floorRun = await throughBareHttp(suppliers);
  const messages = suppliers * OPEN_TICKET_WALK.length;
  const figure = perSecond(messages, run.ms);
  const floor = perSecond(messages, floorRun.ms);
  const ratio = figure / floor;
  const latency = summarize(run.stepLatencies);
  const atTarget = suppliers === TARGET_SUPPLIERS;
  const size = `suppliers=${suppliers}`;
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
    ...slackAckRows(size, run.slackAcks, atTarget),
  ];
};

export const chatFlow: Scenario = {
  name: "chat-flow",
  describe: "suppliers walking the Telegram open-ticket flow through the webhook vs a bare HTTP server",
  async run(ctx) {
    const sizes = ctx.quick ? [50, 200] : [100, 500, 1000];
    const out: Measurement[] = [];
    for (const size of sizes) out.push(...(await measure(ctx, size)));
    return out;
  },
};
