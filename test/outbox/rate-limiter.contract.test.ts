import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryRateLimiter, type RateLimiter } from "../../src/adapters/outbox/rate-limiter.js";
import { createRedisRateLimiter } from "../../src/adapters/outbox/redis-rate-limiter.js";
import { describeWith, redisUrl, uniquePrefix } from "../support/pg-database-for-service.js";

/**
 * The same behaviour from both limiters. Counts within a burst, never durations: a generous
 * window (10 s) keeps the answers the same however slow the machine is.
 */
const contract = (name: string, make: () => RateLimiter) => {
  describe(`rate limiter: ${name}`, () => {
    const rule = (key: string, limit: number) => ({ key: `${key}:${Math.random()}`, limit, perMs: 10_000 });

    it("grants a burst up to the limit, then asks to wait about one interval", async () => {
      const limiter = make();
      const r = rule("burst", 5);
      const waits = [];
      for (let i = 0; i < 7; i++) waits.push(await limiter.take([r]));
      expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
      expect(waits[5]).toBeGreaterThan(0);
      expect(waits[5]).toBeLessThanOrEqual(2000);
    });

    it("consumes nothing when any rule refuses, so a busy chat does not eat the overall budget", async () => {
      const limiter = make();
      const chat = rule("chat", 1);
      const all = rule("all", 3);
      expect(await limiter.take([chat, all])).toBe(0);
      expect(await limiter.take([chat, all])).toBeGreaterThan(0);
      expect(await limiter.take([rule("other-chat", 1), all])).toBe(0);
      expect(await limiter.take([rule("third-chat", 1), all])).toBe(0);
      expect(await limiter.take([rule("fourth-chat", 1), all])).toBeGreaterThan(0);
    });

    it("lets anything through with no rules", async () => {
      expect(await make().take([])).toBe(0);
      expect(await make().wait([])).toBe(0);
    });

    it("answers with wait what take would, consuming nothing", async () => {
      const limiter = make();
      const r = rule("peek", 2);
      for (let i = 0; i < 5; i++) expect(await limiter.wait([r])).toBe(0);
      expect(await limiter.take([r])).toBe(0);
      expect(await limiter.wait([r])).toBe(0);
      expect(await limiter.take([r])).toBe(0);
      const waiting = await limiter.wait([r]);
      expect(waiting).toBeGreaterThan(0);
      expect(await limiter.take([r])).toBeGreaterThanOrEqual(waiting - 50);
    });
  });
};

contract("memory", () => createMemoryRateLimiter());

describeWith({ redis: true }, "shared through Redis", () => {
  const redis = new Redis(redisUrl() ?? "redis://127.0.0.1:6379", { lazyConnect: true });
  const prefix = uniquePrefix("rate");
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  contract("redis", () => createRedisRateLimiter(redis, prefix));

  it("shares one budget between two instances", async () => {
    const a = createRedisRateLimiter(redis, prefix);
    const other = new Redis(redisUrl()!);
    const b = createRedisRateLimiter(other, prefix);
    const r = { key: `shared:${Math.random()}`, limit: 4, perMs: 10_000 };
    const waits = [
      await a.take([r]),
      await b.take([r]),
      await a.take([r]),
      await b.take([r]),
      await a.take([r]),
      await b.take([r]),
    ];
    expect(waits.filter((w) => w === 0)).toHaveLength(4);
    await other.quit();
  });
});
