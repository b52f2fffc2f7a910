import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { createMemoryContactLock } from "../../src/adapters/sessions/memory-contact-lock.js";
import { createRedisContactLock } from "../../src/adapters/sessions/redis-contact-lock.js";
import { ENQUEUE, TRY_ACQUIRE } from "../../src/adapters/sessions/redis-lock-scripts.js";
import { ContactLockTimeoutError } from "../../src/core/ports/contact-lock.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { contactLockContract, gate } from "./contact-lock.contract.js";
import { eventually } from "./support/eventually.js";
import { openTestRedis, type TestRedis } from "./support/test-redis.js";

contactLockContract("in memory", async () => ({ lock: createMemoryContactLock(), close: async () => {} }));

const redisLock = (r: TestRedis, client = r.redis, ttlMs = 5000, waitMs = 10_000) =>
  createRedisContactLock({ redis: client, prefix: r.prefix, ttlMs, waitMs, pollMs: 5 });

describeWith({ redis: true }, "redis contact lock", () => {
  contactLockContract("redis", async () => {
    const r = await openTestRedis();
    return { lock: redisLock(r), close: r.close };
  });

  const queueLength = (r: TestRedis, key: string) => r.redis.llen(`${r.prefix}lock:{${key}}:queue`);

  it("serves instances in the order their messages reached Redis", async () => {
    const r = await openTestRedis();
    try {
      const instances = [
        redisLock(r, await r.connect()),
        redisLock(r, await r.connect()),
        redisLock(r, await r.connect()),
      ];
      const hold = gate();
      const order: string[] = [];
      const holder = instances[0]!.run("c", () => hold.opened);
      await eventually(async () => (await queueLength(r, "c")) === 1, "the holder queued");
      const waiting: Promise<void>[] = [];
      for (const [i, name] of ["second", "third", "fourth"].entries()) {
        waiting.push(instances[(i + 1) % 3]!.run("c", async () => void order.push(name)));
        await eventually(async () => (await queueLength(r, "c")) === i + 2, `${name} queued`);
      }
      hold.open();
      await Promise.all([holder, ...waiting]);
      expect(order).toEqual(["second", "third", "fourth"]);
      expect(await queueLength(r, "c")).toBe(0);
    } finally {
      await r.close();
    }
  });

  it("lets the next waiter in when a holder's process died, after the TTL", async () => {
    const r = await openTestRedis();
    try {
      // A process that took the lock and died: its token holds the queue and the owner key, and nothing
      // will ever release or extend them.
      const base = `${r.prefix}lock:{c}`;
      await r.redis.eval(ENQUEUE, 2, `${base}:queue`, `${base}:alive:dead`, "dead", 200);
      const took = await r.redis.eval(
        TRY_ACQUIRE,
        2,
        `${base}:queue`,
        `${base}:owner`,
        "dead",
        200,
        `${base}:alive:`,
      );
      expect(took).toBe(1);
      const survivor = redisLock(r, r.redis, 200);
      expect(await survivor.run("c", async () => "served")).toBe("served");
    } finally {
      await r.close();
    }
  });

  it("keeps a slow task's lock past the TTL while its process is alive", async () => {
    const r = await openTestRedis();
    try {
      const a = redisLock(r, await r.connect(), 150);
      const b = redisLock(r, await r.connect(), 150);
      let overlap = false;
      let running = false;
      const slow = a.run("c", async () => {
        running = true;
        await sleep(600);
        running = false;
      });
      await eventually(async () => running, "the slow task started");
      await b.run("c", async () => {
        overlap = running;
      });
      await slow;
      expect(overlap).toBe(false);
    } finally {
      await r.close();
    }
  });

  it("gives up waiting with a typed error and leaves the queue", async () => {
    const r = await openTestRedis();
    try {
      const hold = gate();
      const holder = redisLock(r).run("c", () => hold.opened);
      await eventually(async () => (await queueLength(r, "c")) === 1, "the holder queued");
      const impatient = redisLock(r, r.redis, 5000, 100);
      await expect(impatient.run("c", async () => "never")).rejects.toBeInstanceOf(ContactLockTimeoutError);
      expect(await queueLength(r, "c")).toBe(1);
      hold.open();
      await holder;
    } finally {
      await r.close();
    }
  });

  it("never lets a holder that lost its lock release the next holder's", async () => {
    const r = await openTestRedis();
    try {
      const lock = redisLock(r, r.redis, 5000);
      const stall = gate();
      const base = `${r.prefix}lock:{c}`;
      const stalled = lock.run("c", () => stall.opened);
      await eventually(
        async () => (await r.redis.exists(`${base}:owner`)) === 1,
        "the first holder owns the lock",
      );
      // The first holder's keys vanish as if it had stalled past the TTL.
      const firstOwner = await r.redis.get(`${base}:owner`);
      await r.redis.del(`${base}:owner`, `${base}:alive:${firstOwner}`);
      const inside = gate();
      const leave = gate();
      const second = lock.run("c", async () => {
        inside.open();
        await leave.opened;
      });
      await inside.opened;
      const secondOwner = await r.redis.get(`${base}:owner`);
      stall.open();
      await stalled;
      expect(await r.redis.get(`${base}:owner`)).toBe(secondOwner);
      leave.open();
      await second;
    } finally {
      await r.close();
    }
  });
});
