import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertOutbox } from "../../src/adapters/storage/prisma/outbox-writer.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import { type FakeChatApi, startFakeChatApi } from "../../testkit/fake-chat-api.js";
import { type SpawnedService, spawnService, testEnv, waitFor } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const ENTRY = join(import.meta.dirname, "../../testkit/chat-service-entry.ts");

describeWith({ pg: true }, "a service killed mid-delivery", () => {
  let db: ThrowawayDatabase;
  let api: FakeChatApi;
  const children: SpawnedService[] = [];

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    api = await startFakeChatApi();
  });
  afterAll(async () => {
    for (const c of children) c.child.kill("SIGKILL");
    await api?.close();
    await db?.drop();
  });

  it("delivers everything after a SIGKILL and a restart, nothing twice where the platform can be asked", async () => {
    const items: OutboxDraft[] = Array.from({ length: 30 }, (_, i) => ({
      key: `crash:chat${i % 6}:n${Math.floor(i / 6)}`,
      channel: "TELEGRAM",
      kind: "agent_reply",
      ticketId: null,
      scope: `crash:chat${i % 6}`,
      payload: {},
      availableAt: new Date(),
    }));
    await insertOutbox(db.db.prisma, items);
    const lost = items[6]!.key;
    // The platform posts this one and never answers: the worker dies holding it.
    api.fault({ kind: "accept-then-hang" }, { times: 1, match: (r) => r.key === lost });
    api.fault({ kind: "delay", ms: 150 }, { times: 1000 });
    const env = await testEnv({
      DATABASE_URL: db.url,
      FAKE_CHAT_URL: api.url,
      LOG_LEVEL: "info",
      OUTBOX_LEASE_MS: "3000",
      OUTBOX_SEND_TIMEOUT_MS: "60000",
    });

    const first = await spawnService(ENTRY, env);
    children.push(first);
    await waitFor(
      () => api.messages().some((m) => m.key === lost) && api.messages().length >= 8,
      "deliveries under way",
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toMatchObject({ signal: "SIGKILL" });

    const held = await db.db.prisma.outboxItem.findUniqueOrThrow({ where: { key: lost } });
    expect(held).toMatchObject({ state: "PENDING", claimedBy: expect.any(String) });
    const pendingAtCrash = await db.db.prisma.outboxItem.count({ where: { state: "PENDING" } });
    expect(pendingAtCrash).toBeGreaterThan(1);

    api.clearFaults();
    // Nothing hangs any more; a short send timeout would only let a busy machine time out the lookup
    // of the lost item and count a third attempt.
    const second = await spawnService(ENTRY, { ...env, OUTBOX_SEND_TIMEOUT_MS: "30000" });
    children.push(second);
    await waitFor(
      async () => (await db.db.prisma.outboxItem.count({ where: { state: { not: "DELIVERED" } } })) === 0,
      "all delivered",
      60_000,
    );

    const counts = api.countsByKey();
    expect(items.map((i) => [i.key, counts.get(i.key)])).toEqual(items.map((i) => [i.key, 1]));
    for (let chat = 0; chat < 6; chat++) {
      const posted = api
        .messages()
        .filter((m) => m.chat === `crash:chat${chat}`)
        .map((m) => m.key);
      expect(posted).toEqual(items.filter((i) => i.scope === `crash:chat${chat}`).map((i) => i.key));
    }
    const found = await db.db.prisma.outboxItem.findUniqueOrThrow({ where: { key: lost } });
    expect(found).toMatchObject({
      attempts: 2,
      platformMessageId: api.messages().find((m) => m.key === lost)!.messageId,
    });

    second.child.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 120_000);
});
