import { join } from "node:path";
import pg from "pg";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { insertOutbox } from "../../src/adapters/storage/prisma/outbox-writer.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import { startFakeChatApi } from "../../testkit/fake-chat-api.js";
import { type SpawnedService, spawnService, testEnv } from "../../testkit/spawn-service.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { perSecond } from "../stats.js";
import { startCpuMeter } from "../support/cpu-meter.js";
import { withBenchDatabase } from "../support/servers.js";

const CHATS = 100;
const BATCH_SIZE = "50";
const TIMEOUT_MS = 120_000;

const drafts = (run: string, count: number): OutboxDraft[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `bench:${run}:${i}`,
    channel: "TELEGRAM",
    kind: "agent_reply",
    ticketId: null,
    scope: `bench-chat-${i % CHATS}`,
    payload: { text: `mensagem ${i}` },
    availableAt: new Date(),
  }));

const waitUntilDelivered = async (databaseUrl: string, count: number): Promise<void> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM outbox_item WHERE state = 'DELIVERED'",
      );
      if (Number(rows[0]!.n) >= count) return;
      if (Date.now() > deadline) throw new Error(`only ${rows[0]!.n} of ${count} delivered in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await client.end();
  }
};

const ENTRY = join(import.meta.dirname, "../../testkit/chat-service-entry.ts");

/**
 * Items per second from "rows committed" to "all DELIVERED", through the real worker of each
 * service process and a sender posting to the fake chat API over HTTP, with no platform limit.
 */
const deliver = async (ctx: ScenarioContext, databaseUrl: string, count: number, workers: number) => {
  const api = await startFakeChatApi();
  const db = await openDatabase({ databaseUrl, dataDir: "/nonexistent", migrateOnStart: false });
  const services: SpawnedService[] = [];
  try {
    const env = await testEnv({
      DATABASE_URL: databaseUrl,
      DATABASE_MIGRATE_ON_START: "false",
      OUTBOX_BATCH_SIZE: BATCH_SIZE,
      FAKE_CHAT_URL: api.url,
      FAKE_CHAT_LOOKUP: "false",
      // Far above what is reached: the limiter still runs, as it does in production, without limiting.
      FAKE_CHAT_RATE: "1000000",
      // The entry announces itself at info level; deliveries log below it.
      LOG_LEVEL: "info",
    });
    for (let i = 0; i < workers; i++)
      services.push(await spawnService(ENTRY, { ...env, INSTANCE_ID: `bench-worker-${i}` }));
    const meter = await startCpuMeter(
      ctx.redisUrl,
      services.map((s) => s.child.pid!),
    );
    const start = performance.now();
    // Written by another process, as the ticket service would: the workers find them by polling.
    await insertOutbox(db.prisma, drafts(`w${workers}`, count));
    await waitUntilDelivered(databaseUrl, count);
    const ms = performance.now() - start;
    const cpu = await meter.stop();
    if (api.countsByKey().size !== count) throw new Error("the fake API did not get every item");
    return { perSecond: perSecond(count, ms), serviceCpuMs: cpu.service / count };
  } finally {
    for (const s of services) {
      s.child.kill("SIGTERM");
      await s.exited;
    }
    await db.close();
    await api.close();
  }
};

const measure = async (ctx: ScenarioContext, count: number, workers: number): Promise<Measurement[]> => {
  ctx.progress(`delivery: ${count} items, ${workers} worker(s)`);
  const run = await withBenchDatabase(ctx.databaseUrl, (db) => deliver(ctx, db.url, count, workers));
  const size = `n=${count} workers=${workers}`;
  return [
    { scenario: "delivery", size, metric: "outbox items delivered", unit: "items/s", figure: run.perSecond },
    { scenario: "delivery", size, metric: "service CPU per item", unit: "ms", figure: run.serviceCpuMs },
  ];
};

export const delivery: Scenario = {
  name: "delivery",
  describe: "outbox items per second to a fake API with no rate limit, one and two service processes",
  async run(ctx) {
    const sizes = ctx.quick ? [300, 1000] : [2000, 10000, 30000];
    const out: Measurement[] = [];
    for (const size of sizes) for (const workers of [1, 2]) out.push(...(await measure(ctx, size, workers)));
    return out;
  },
};
