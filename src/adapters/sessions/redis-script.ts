import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export type RedisScript = (
  redis: Redis,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>;

/**
 * A Lua script run by its SHA (EVALSHA), so each call sends a few bytes instead of the script's
 * text; loaded with EVAL the first time a server does not know it (a restart flushes the cache).
 */
export const redisScript = (lua: string): RedisScript => {
  const sha = createHash("sha1").update(lua).digest("hex");
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
};
