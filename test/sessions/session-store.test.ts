import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { createMemorySessionStore } from "../../src/adapters/sessions/memory-session-store.js";
import { createRedisSessionStore } from "../../src/adapters/sessions/redis-session-store.js";
import { manualClock } from "../../testkit/manual-clock.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { sessionStoreContract } from "./session-store.contract.js";
import { eventually } from "./support/eventually.js";
import { openTestRedis } from "./support/test-redis.js";

const TTL_MS = 30 * 60_000;

sessionStoreContract("in memory", async () => {
  const clock = manualClock();
  return {
    store: createMemorySessionStore({ ttlMs: TTL_MS, clock }),
    letTtlPass: async () => clock.advance(TTL_MS + 1),
    close: async () => {},
  };
});

describeWith({ redis: true }, "redis sessions", () => {
  // A short TTL so the expiry can be observed; the contract's timestamps are independent of it.
  const SHORT_TTL_MS = 150;
  sessionStoreContract("redis", async () => {
    const redis = await openTestRedis();
    const store = createRedisSessionStore({ redis: redis.redis, prefix: redis.prefix, ttlMs: SHORT_TTL_MS });
    return {
      store,
      async letTtlPass() {
        await sleep(SHORT_TTL_MS);
        await eventually(async () => (await store.load("c1")) === null, "the state key expired");
      },
      close: redis.close,
    };
  });
});

describeWith({ redis: true }, "redis session keys", () => {
  it("gives the state a TTL equal to the idle timeout and leaves the sweep index without one", async () => {
    const redis = await openTestRedis();
    try {
      const store = createRedisSessionStore({ redis: redis.redis, prefix: redis.prefix, ttlMs: TTL_MS });
      await store.save("c1", { state: "s", summary: "sum", lastActivityAt: new Date() });
      const stateTtl = await redis.redis.pttl(`${redis.prefix}session:c1`);
      expect(stateTtl).toBeGreaterThan(TTL_MS - 60_000);
      expect(stateTtl).toBeLessThanOrEqual(TTL_MS);
      expect(await redis.redis.pttl(`${redis.prefix}sessions:idle`)).toBe(-1);
      expect(await redis.redis.pttl(`${redis.prefix}sessions:summary`)).toBe(-1);
    } finally {
      await redis.close();
    }
  });
});
