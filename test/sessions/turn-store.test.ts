import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { createMemoryTurnStore } from "../../src/adapters/sessions/memory-turn-store.js";
import { BEGIN } from "../../src/adapters/sessions/redis-turn-scripts.js";
import { createRedisTurnStore } from "../../src/adapters/sessions/redis-turn-store.js";
import { openRedis } from "../../src/app/conversation.js";
import { DependencyUnavailableError } from "../../src/core/ports/unavailable.js";
import { manualClock } from "../../testkit/manual-clock.js";
import { startTcpProxy } from "../../testkit/tcp-proxy.js";
import { describeWith, redisUrl } from "../support/pg-database-for-service.js";
import { eventually } from "./support/eventually.js";
import { openTestRedis, type TestRedis } from "./support/test-redis.js";
import { CONTRACT_TIMING, opened, turnStoreContract } from "./turn-store.contract.js";

turnStoreContract("in memory", async () => {
  const clock = manualClock(new Date());
  return {
    store: createMemoryTurnStore({ ...CONTRACT_TIMING, clock }),
    elapse: async (ms) => clock.advance(ms),
    close: async () => {},
  };
});

const redisStore = (r: TestRedis, client = r.redis, lockTtlMs = 5000, waitMs = 10_000) =>
  createRedisTurnStore({
    redis: client,
    prefix: r.prefix,
    sessionTtlMs: CONTRACT_TIMING.sessionTtlMs,
    lockTtlMs,
    waitMs,
    pollMs: 5,
  });

const turn = (key: string, contactId = `c-${key}`) => ({
  lockKey: key,
  contactId,
  messageKey: `m-${key}-${Math.random()}`,
  rememberMs: 60_000,
});

/** Occupies this process's event loop: no timer, no socket read, nothing else runs meanwhile. */
const stallEventLoop = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy on purpose
  }
};

describeWith({ redis: true }, "redis turn store", () => {
  turnStoreContract("redis", async () => {
    const r = await openTestRedis();
    return {
      store: redisStore(r, r.redis, 5000, CONTRACT_TIMING.waitMs),
      elapse: (ms) => sleep(ms),
      close: r.close,
    };
  });

  const queueLength = (r: TestRedis, key: string) => r.redis.llen(`${r.prefix}lock:{${key}}:queue`);

  it("serves instances in the order their turns reached Redis", async () => {
    const r = await openTestRedis();
    try {
      const instances = [
        redisStore(r, await r.connect()),
        redisStore(r, await r.connect()),
        redisStore(r, await r.connect()),
      ];
      const order: string[] = [];
      const holder = opened(await instances[0]!.begin(turn("c")));
      const waiting: Promise<void>[] = [];
      for (const [i, name] of ["second", "third", "fourth"].entries()) {
        waiting.push(
          instances[(i + 1) % 3]!.begin(turn("c")).then(async (start) => {
            order.push(name);
            await opened(start).commit(null, { queued: false });
          }),
        );
        await eventually(async () => (await queueLength(r, "c")) === i + 2, `${name} queued`);
      }
      await holder.commit(null, { queued: false });
      await Promise.all(waiting);
      expect(order).toEqual(["second", "third", "fourth"]);
      expect(await queueLength(r, "c")).toBe(0);
    } finally {
      await r.close();
    }
  });

  it("lets the next turn in when a holder's process died, after the TTL", async () => {
    const r = await openTestRedis();
    try {
      // A process that took the lock and died: nothing will ever release or extend its keys.
      const base = `${r.prefix}lock:{c}`;
      const keys = [
        `${base}:queue`,
        `${base}:owner`,
        `${r.prefix}handled:x`,
        `${r.prefix}session:c`,
        "i",
        "s",
        "q",
      ];
      expect(await BEGIN(r.redis, keys, ["dead", 200, `${base}:alive:`, "c", "0"])).toEqual([
        1,
        null,
        null,
        null,
        0,
      ]);
      const survivor = redisStore(r, r.redis, 200);
      const started = opened(await survivor.begin(turn("c")));
      expect(await started.commit(null, { queued: false })).toBe(true);
    } finally {
      await r.close();
    }
  });

  it("keeps a slow turn's lock past the TTL while its process is alive", async () => {
    const r = await openTestRedis();
    try {
      // The TTL must outlast the longest pause a busy machine gives this process between two
      // extensions (a third of the TTL apart): at 150 ms a 100 ms stall under load let the waiting
      // turn in, which is what the TTL is for (a stalled holder is fenced, see the next test), not a
      // lock admitting two live holders. The turn is held for several TTLs all the same.
      const ttlMs = 1500;
      const a = redisStore(r, await r.connect(), ttlMs);
      const b = redisStore(r, await r.connect(), ttlMs);
      const slow = opened(await a.begin(turn("c")));
      const second = b.begin(turn("c"));
      await sleep(ttlMs * 3);
      expect(await slow.commit(null, { queued: false })).toBe(true);
      await opened(await second).abort();
    } finally {
      await r.close();
    }
  });

  it("fences a turn whose process stalled past the TTL: the turn that took over writes, the stalled one cannot", async () => {
    const r = await openTestRedis();
    try {
      const a = redisStore(r, await r.connect(), 200);
      const b = redisStore(r, await r.connect(), 200);
      const stalled = opened(await a.begin(turn("c", "contact")));
      // The event loop stops: no watchdog extends the lock, which runs out in Redis meanwhile.
      stallEventLoop(600);
      const takeover = opened(await b.begin(turn("c", "contact")));
      expect(
        await stalled.commit(
          { state: "stalled", summary: "{}", lastActivityAt: new Date() },
          { queued: false },
        ),
      ).toBe(false);
      expect(
        await takeover.commit(
          { state: "took over", summary: "{}", lastActivityAt: new Date() },
          { queued: false },
        ),
      ).toBe(true);
      const after = opened(await a.begin(turn("c", "contact")));
      expect(after.session?.state).toBe("took over");
      await after.abort();
    } finally {
      await r.close();
    }
  });

  it("reports a begin, commit or abort cut off from Redis as unavailable (deliver again), not as a failure", async () => {
    const r = await openTestRedis();
    const target = new URL(redisUrl()!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const client = await openRedis(`redis://${proxy.address}`);
    try {
      const store = redisStore(r, client);
      const started = opened(await store.begin(turn("cut", "contact-cut")));
      proxy.cut();
      await expect(
        started.commit({ state: "s", summary: "{}", lastActivityAt: new Date() }, { queued: false }),
      ).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(started.abort()).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(store.begin(turn("cut-2"))).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(store.listIdle(new Date(), 10)).rejects.toBeInstanceOf(DependencyUnavailableError);
    } finally {
      client.disconnect();
      await proxy.close();
      await r.close();
    }
  });

  it("never lets a turn that lost its lock release the next holder's", async () => {
    const r = await openTestRedis();
    try {
      const store = redisStore(r);
      const base = `${r.prefix}lock:{c}`;
      const first = opened(await store.begin(turn("c")));
      // The first holder's keys vanish as if it had stalled past the TTL.
      const firstOwner = await r.redis.get(`${base}:owner`);
      await r.redis.del(`${base}:owner`, `${base}:alive:${firstOwner}`);
      const second = opened(await store.begin(turn("c")));
      const secondOwner = await r.redis.get(`${base}:owner`);
      await first.abort();
      expect(await first.commit(null, { queued: false })).toBe(false);
      expect(await r.redis.get(`${base}:owner`)).toBe(secondOwner);
      expect(await second.commit(null, { queued: false })).toBe(true);
    } finally {
      await r.close();
    }
  });

  it("gives the session's state the idle timeout and leaves the sweep index and summaries without one", async () => {
    const r = await openTestRedis();
    try {
      const started = opened(await redisStore(r).begin(turn("c", "contact")));
      await started.commit({ state: "s", summary: "{}", lastActivityAt: new Date() }, { queued: true });
      const ttl = await r.redis.pttl(`${r.prefix}session:contact`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(CONTRACT_TIMING.sessionTtlMs);
      expect(await r.redis.pttl(`${r.prefix}sessions:idle`)).toBe(-1);
      expect(await r.redis.pttl(`${r.prefix}sessions:summary`)).toBe(-1);
      expect(await r.redis.pttl(`${r.prefix}answers-queued:contact`)).toBeGreaterThan(0);
    } finally {
      await r.close();
    }
  });
});
