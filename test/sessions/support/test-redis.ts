import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { redisUrl } from "../../support/pg-database-for-service.js";

/** A connection plus a key prefix of its own; `close` deletes every key under the prefix. */
export const openTestRedis = async () => {
  const url = redisUrl();
  if (!url) throw new Error("REDIS_URL is not set");
  const prefix = `chamado-test:${randomUUID()}:`;
  const connections: Redis[] = [];
  const connect = async () => {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
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
