import pg from "pg";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { insertOutbox } from "../../src/adapters/storage/prisma/outbox-writer.js";
import { type RunningService, startService } from "../../src/app/service.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import { createFakeChatSender } from "../../test/outbox/support/fake-chat-sender.js";
import { startFakeChatApi } from "../../test/support/fake-chat-api.js";
import { testConfig } from "../../test/support/spawn-service.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { perSecond } from "../stats.js";
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

/**
 * Items per second from "rows committed" to "all DELIVERED", through the real worker and a sender
 * posting to the fake chat API over HTTP, with no rate limit. The instances share this process,
 * so two workers show what a second claimer on the same database adds, not a second CPU.
 */
const deliver = async (databaseUrl: string, count: number, workers: number): Promise<number> => {
  const api = await startFakeChatApi();
  const db = await openDatabase({ databaseUrl, dataDir: "/nonexistent", migrateOnStart: false });
  const services: RunningService[] = [];
  try {
    const config = await testConfig({
      DATABASE_URL: databaseUrl,
      DATABASE_MIGRATE_ON_START: "false",
      OUTBOX_BATCH_SIZE: BATCH_SIZE,
    });
    for (let i = 0; i < workers; i++) {
      services.push(
        await startService(config, {
          port: 0,
          instanceId: `bench-worker-${i}`,
          senders: [createFakeChatSender({ baseUrl: api.url, channel: "TELEGRAM", lookup: false })],
          rateLimits: {},
        }),
      );
    }
    const start = performance.now();
    await insertOutbox(db.prisma, drafts(`w${workers}`, count));
    for (const s of services) s.worker.wake();
    await waitUntilDelivered(databaseUrl, count);
    const ms = performance.now() - start;
    if (api.countsByKey().size !== count) throw new Error("the fake API did not get every item");
    return perSecond(count, ms);
  } finally {
    for (const s of services) await s.stop();
    await db.close();
    await api.close();
  }
};

const measure = async (ctx: ScenarioContext, count: number, workers: number): Promise<Measurement> => {
  ctx.progress(`delivery: ${count} items, ${workers} worker(s)`);
  const figure = await withBenchDatabase(ctx.databaseUrl, (db) => deliver(db.url, count, workers));
  return {
    scenario: "delivery",
    size: `n=${count} workers=${workers}`,
    metric: "outbox items delivered",
    unit: "items/s",
    figure,
  };
};

export const delivery: Scenario = {
  name: "delivery",
  describe: "outbox items per second to a fake API with no rate limit, one and two workers",
  async run(ctx) {
    const sizes = ctx.quick ? [300, 1000] : [2000, 10000, 30000];
    const out: Measurement[] = [];
    for (const size of sizes) for (const workers of [1, 2]) out.push(await measure(ctx, size, workers));
    return out;
  },
};
