import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisLeases } from "../../src/adapters/sessions/redis-leases.js";
import type { WebClientEvent } from "../../src/adapters/whatsapp/web/client.js";
import { createWebSession, type WebSession } from "../../src/adapters/whatsapp/web/session.js";
import { createFakeWebClients, type FakeWebClients } from "../../testkit/fake-whatsapp-web-client.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { describeWith, redisUrl, uniquePrefix } from "../support/pg-database-for-service.js";

// Real time on a busy machine: the owner renews every third of it, so a stall shorter than two thirds
// never costs it the lease (at 600 ms, any pause over 400 ms of this process would).
const TTL_MS = 3000;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describeWith({ redis: true }, "the WhatsApp Web session lease on Redis", () => {
  const prefix = uniquePrefix("whatsapp-web");
  const connections: Redis[] = [];
  const connect = async () => {
    const redis = new Redis(redisUrl()!, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    await redis.connect();
    connections.push(redis);
    return redis;
  };
  const sessions: WebSession[] = [];

  beforeAll(async () => {
    await connect();
  });
  afterAll(async () => {
    for (const s of sessions) await s.stop();
    const keys = await connections[0]!.keys(`${prefix}*`);
    if (keys.length > 0) await connections[0]!.del(...keys);
    for (const c of connections) c.disconnect();
  });

  it("lets one owner hold it, renew it, give it up, and lose it when it stops renewing", async () => {
    const redis = connections[0]!;
    const name = `lease-${randomUUID()}`;
    const key = `${prefix}${name}`;
    const leases = createRedisLeases(redis, prefix);
    // Long enough that a pause between the calls below cannot let it lapse; the end waits for it to.
    const a = leases.lease(name, { owner: "a", ttlMs: TTL_MS });
    const b = leases.lease(name, { owner: "b", ttlMs: TTL_MS });
    expect(await a.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await a.renew()).toBe(true);
    expect(await b.renew()).toBe(false);
    await b.release();
    expect(await redis.get(key)).toBe("a");
    await a.release();
    expect(await b.tryAcquire()).toBe(true);
    await waitFor(async () => (await redis.exists(key)) === 0, "the lease to expire");
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.renew()).toBe(false);
  });

  it("runs the phone on one instance only, and another takes over when that one dies", async () => {
    const lease = `session-${randomUUID()}`;
    const start = async (owner: string, fakes: FakeWebClients) => {
      const redis = await connect();
      const session = createWebSession({
        lease: createRedisLeases(redis, prefix).lease(lease, { owner, ttlMs: TTL_MS }),
        createClient: fakes.factory,
        onEvent: (_event: WebClientEvent) => {},
        showQr: () => {},
        log: quiet,
        leaseTtlMs: TTL_MS,
        reconnectDelayMs: 20,
      });
      sessions.push(session);
      await session.start();
      return { session, redis, fakes };
    };

    const a = await start("instance-a", createFakeWebClients());
    await waitFor(() => a.session.state() === "qr", "instance A showing the QR");
    a.fakes.link();
    await waitFor(() => a.session.state() === "ready", "instance A ready");

    const b = await start("instance-b", createFakeWebClients());
    // Several renewals of A's lease go by: B stays on standby with no browser of its own.
    await new Promise((resolve) => setTimeout(resolve, TTL_MS * 2));
    expect(b.session.state()).toBe("standby");
    expect(b.fakes.clients()).toHaveLength(0);

    // A dies: its Redis connection is gone, so its lease runs out.
    a.redis.disconnect();
    await waitFor(() => b.fakes.clients().length === 1, "instance B starting its own client");
    await waitFor(
      () => b.session.state() === "qr",
      "instance B showing a QR (no shared session directory here)",
    );
    // A stopped driving the phone once it could no longer renew: never two at once.
    await waitFor(() => a.fakes.current().destroyed, "instance A closing its browser");
    expect(a.session.state()).toBe("standby");
    expect(a.session.client()).toBeNull();
  });
});
