import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertOutbox } from "../../src/adapters/storage/prisma/outbox-writer.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import { type FakeChatApi, startFakeChatApi } from "../../testkit/fake-chat-api.js";
import { type SpawnedService, spawnService, testEnv, waitFor } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  redisUrl,
  type ThrowawayDatabase,
  uniquePrefix,
} from "../support/pg-database-for-service.js";

const ENTRY = join(import.meta.dirname, "../../testkit/chat-service-entry.ts");
const CHATS = 50;
const PER_CHAT = 20;

describeWith({ pg: true, redis: true }, "two instances on one PostgreSQL and one Redis", () => {
  let db: ThrowawayDatabase;
  let api: FakeChatApi;
  let redis: Redis;
  const prefix = uniquePrefix("instances");
  const children: SpawnedService[] = [];

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    api = await startFakeChatApi();
    redis = new Redis(redisUrl()!);
  });
  afterAll(async () => {
    for (const c of children) c.child.kill("SIGKILL");
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await api?.close();
    await db?.drop();
  });

  it("delivers 1,000 items, each exactly once and in each chat's order", async () => {
    const items: OutboxDraft[] = Array.from({ length: CHATS * PER_CHAT }, (_, i) => ({
      key: `pair:chat${i % CHATS}:n${Math.floor(i / CHATS)}`,
      channel: "TELEGRAM",
      kind: "agent_reply",
      ticketId: null,
      scope: `pair:chat${i % CHATS}`,
      payload: {},
      availableAt: new Date(),
    }));
    await insertOutbox(db.db.prisma, items);
    const env = await testEnv({
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl(),
      REDIS_KEY_PREFIX: prefix,
      FAKE_CHAT_URL: api.url,
      FAKE_CHAT_RATE: "500",
      LOG_LEVEL: "info",
      OUTBOX_BATCH_SIZE: "25",
      // "Exactly once" is about claims between instances, not about a client giving up: a send that
      // times out after the fake API got it is sent again by design (at least once). On a busy 2-core
      // machine the test defaults (1 s timeout, 5 s lease) were reached and counted as duplicates.
      OUTBOX_SEND_TIMEOUT_MS: "30000",
      OUTBOX_LEASE_MS: "120000",
    });
    children.push(...(await Promise.all([spawnService(ENTRY, env), spawnService(ENTRY, env)])));

    await waitFor(
      async () => (await db.db.prisma.outboxItem.count({ where: { state: "DELIVERED" } })) === items.length,
      "all delivered",
      150_000,
    );
    const counts = api.countsByKey();
    expect(counts.size).toBe(items.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (let chat = 0; chat < CHATS; chat++) {
      const posted = api
        .messages()
        .filter((m) => m.chat === `pair:chat${chat}`)
        .map((m) => m.key);
      expect(posted).toEqual(items.filter((i) => i.scope === `pair:chat${chat}`).map((i) => i.key));
    }
    // Both shared the Redis rate budget: its keys exist under this run's prefix.
    expect(await redis.keys(`${prefix}rate:*`)).not.toEqual([]);

    for (const c of children) c.child.kill("SIGTERM");
    expect(await Promise.all(children.map((c) => c.exited))).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  }, 200_000);
});
