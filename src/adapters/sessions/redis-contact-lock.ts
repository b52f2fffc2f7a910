import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { type ContactLock, ContactLockTimeoutError } from "../../core/ports/contact-lock.js";
import { ENQUEUE, EXTEND, RELEASE, TRY_ACQUIRE } from "./redis-lock-scripts.js";

export interface RedisContactLockOptions {
  readonly redis: Redis;
  readonly prefix: string;
  /** How long a holder or waiter that stopped answering keeps its place. */
  readonly ttlMs: number;
  /** How long a message waits for its turn before giving up. */
  readonly waitMs: number;
  readonly pollMs?: number;
}

/** The per-contact lock across instances; see redis-lock-scripts.ts for the protocol. */
export const createRedisContactLock = (options: RedisContactLockOptions): ContactLock => {
  const { redis, ttlMs } = options;
  const pollMs = options.pollMs ?? 15;

  return {
    async run(key, task) {
      const base = `${options.prefix}lock:{${key}}`;
      const queue = `${base}:queue`;
      const owner = `${base}:owner`;
      const alivePrefix = `${base}:alive:`;
      const token = randomUUID();
      const alive = `${alivePrefix}${token}`;
      const release = () => redis.eval(RELEASE, 3, queue, owner, alive, token);

      // Sent before any await, so calls from one process queue in the order they were made.
      await redis.eval(ENQUEUE, 2, queue, alive, token, ttlMs);
      const deadline = Date.now() + options.waitMs;
      try {
        while ((await redis.eval(TRY_ACQUIRE, 2, queue, owner, token, ttlMs, alivePrefix)) !== 1) {
          if (Date.now() >= deadline) throw new ContactLockTimeoutError(key);
          await sleep(pollMs + Math.floor(Math.random() * pollMs));
        }
      } catch (error) {
        await release().catch(() => undefined);
        throw error;
      }

      // Keeps the lock while a slow task runs; a task outliving a dead Redis connection loses it after the TTL.
      const watchdog = setInterval(
        () => {
          redis.eval(EXTEND, 2, owner, alive, token, ttlMs).catch(() => undefined);
        },
        Math.max(10, Math.floor(ttlMs / 3)),
      );
      try {
        return await task();
      } finally {
        clearInterval(watchdog);
        await release().catch(() => undefined);
      }
    },
  };
};
