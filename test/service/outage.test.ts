import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { type FakeChatApi, startFakeChatApi } from "../../testkit/fake-chat-api.js";
import { createFakeChatSender } from "../../testkit/fake-chat-sender.js";
import { testConfig, waitFor } from "../../testkit/spawn-service.js";
import { startTcpProxy, type TcpProxy } from "../../testkit/tcp-proxy.js";
import {
  createThrowawayDatabase,
  describeWith,
  redisUrl,
  type ThrowawayDatabase,
  uniquePrefix,
  viaAddress,
} from "../support/pg-database-for-service.js";
import { testTelegramChannel } from "./support/test-channel.js";

describeWith({ pg: true, redis: true }, "storage outages", () => {
  let db: ThrowawayDatabase;
  let api: FakeChatApi;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let service: RunningService;
  const prefix = uniquePrefix("outage");

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    api = await startFakeChatApi();
    const pgUrl = new URL(db.url);
    pgProxy = await startTcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
    const redisTarget = new URL(redisUrl()!);
    redisProxy = await startTcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
    const config = await testConfig({
      DATABASE_URL: viaAddress(db.url, pgProxy.address),
      REDIS_URL: `redis://${redisProxy.address}`,
      REDIS_KEY_PREFIX: prefix,
    });
    service = await startService(config, {
      port: 0,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      startTimers: false,
      channels: [testTelegramChannel(prefix, `redis://${redisProxy.address}`)],
      senders: [createFakeChatSender({ baseUrl: api.url, channel: "SLACK" })],
    });
  });
  afterAll(async () => {
    pgProxy?.restore();
    redisProxy?.restore();
    await service?.stop();
    await pgProxy?.close();
    await redisProxy?.close();
    await api?.close();
    const redis = new Redis(redisUrl()!);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await db?.drop();
  });

  const post = (updateId: number) =>
    fetch(`${service.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ update_id: updateId, from: `user${updateId}`, text: "A impressora parou." }),
    });
  /** Counted on a direct connection, not through the proxy. */
  const ticketsFor = (updateId: number) =>
    db.db.prisma.ticket.count({ where: { sourceKey: `tg:${updateId}` } });
  const outboxFor = async (updateId: number) => {
    const ticket = await db.db.prisma.ticket.findUnique({ where: { sourceKey: `tg:${updateId}` } });
    return ticket ? db.db.prisma.outboxItem.findMany({ where: { ticketId: ticket.id } }) : [];
  };
  /** How often the fake platform received the new-ticket notice of `updateId`'s ticket. */
  const noticesFor = async (updateId: number) => {
    const keys = (await outboxFor(updateId)).filter((i) => i.kind === "ticket_created").map((i) => i.key);
    return api.messages().filter((m) => keys.includes(m.key)).length;
  };
  const readiness = async () =>
    (await (await fetch(`${service.url}/readyz`)).json()) as { checks: Record<string, string> };

  it("takes updates while storage is up", async () => {
    expect((await post(1)).status).toBe(200);
    expect(await ticketsFor(1)).toBe(1);
    // Delivered before the next test cuts the database, so no notice of this one is under way then.
    await waitFor(
      async () =>
        (await outboxFor(1)).length === 1 && (await outboxFor(1)).every((i) => i.state === "DELIVERED"),
      "the new-ticket notice",
    );
    expect(await noticesFor(1)).toBe(1);
  });

  it("answers 503 while PostgreSQL is away, writes nothing, and recovers by itself", async () => {
    pgProxy.cut();
    const refused = await post(2);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 503, code: "STORAGE_UNAVAILABLE" });
    expect((await readiness()).checks).toMatchObject({ database: "unavailable", redis: "ok" });
    expect(await ticketsFor(2)).toBe(0);

    pgProxy.restore();
    // The platform redelivers until it gets a 200.
    await waitFor(async () => (await post(2)).status === 200, "the redelivery to succeed");
    await post(2);
    expect(await ticketsFor(2)).toBe(1);
    expect((await readiness()).checks).toMatchObject({ database: "ok", redis: "ok" });
    // The worker paused during the outage and delivers again without a restart.
    await waitFor(
      async () =>
        (await outboxFor(2)).every((i) => i.state === "DELIVERED") && (await outboxFor(2)).length === 1,
      "the new-ticket notice",
    );
    // Its own notice, once: the count does not depend on what an earlier test (or none, with -t) sent.
    expect(await noticesFor(2)).toBe(1);
  });

  it("answers 503 while Redis is away, before anything is written, and recovers by itself", async () => {
    redisProxy.cut();
    const refused = await post(3);
    expect(refused.status).toBe(503);
    expect(await ticketsFor(3)).toBe(0);
    expect(await db.db.prisma.contact.count({ where: { platformUserId: "user3" } })).toBe(0);
    expect((await readiness()).checks).toMatchObject({ database: "ok", redis: "unavailable" });

    redisProxy.restore();
    await waitFor(async () => (await post(3)).status === 200, "the redelivery to succeed");
    expect(await ticketsFor(3)).toBe(1);
    expect((await readiness()).checks).toMatchObject({ database: "ok", redis: "ok" });
  });
});
