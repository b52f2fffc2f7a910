import type { Redis } from "ioredis";
import type { InboundDedupe } from "../../core/ports/inbound-dedupe.js";

/** `<prefix>inbound:<channel>:<messageId>` set with NX and a TTL: the first claim wins across instances. */
export const createRedisInboundDedupe = (options: {
  redis: Redis;
  prefix: string;
  ttlMs: number;
}): InboundDedupe => {
  const key = (id: string) => `${options.prefix}inbound:${id}`;
  return {
    async claim(id) {
      return (await options.redis.set(key(id), "1", "PX", options.ttlMs, "NX")) === "OK";
    },
    async release(id) {
      await options.redis.del(key(id));
    },
  };
};
