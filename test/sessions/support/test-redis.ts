import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe } from "vitest";

/** Real Redis for session suites: skipped with a visible reason when REDIS_URL is unset, a failure under CI=true. */
export const TEST_REDIS_URL = (() => {
  const url = process.env.REDIS_URL;
  if (!url && process.env.CI === "true")
    throw new Error("REDIS_URL must be set when CI=true: session suites need the real Redis");
  return url;
})();

export const describeRedis = (name: string, body: () => void) => {
  if (TEST_REDIS_URL) return describe(name, body);
  console.warn(`SKIPPED "${name}": REDIS_URL is not set`);
  return describe.skip(name, body);
};

/** A connection plus a key prefix of its own; `close` deletes every key under the prefix. */
export const openTestRedis = async () => {
  if (!TEST_REDIS_URL) throw new Error("REDIS_URL is not set");
  const prefix = `chamado-test:${randomUUID()}:`;
  const connections: Redis[] = [];
  const connect = async () => {
    const redis = new Redis(TEST_REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    connections.push(redis);
    return redis;
  };
  const redis = await connect();
  return {
    redis,
    prefix,
    /** Another client, as a second service instance would have. */
    connect,
    async keys(): Promise<string[]> {
      return redis.keys(`${prefix}*`);
    },
    async close() {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
};

export type TestRedis = Awaited<ReturnType<typeof openTestRedis>>;
