import { setTimeout as sleep } from "node:timers/promises";
import { createMemoryInboundDedupe } from "../../src/adapters/sessions/memory-inbound-dedupe.js";
import { createRedisInboundDedupe } from "../../src/adapters/sessions/redis-inbound-dedupe.js";
import { manualClock } from "../../testkit/manual-clock.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { inboundDedupeContract } from "./inbound-dedupe.contract.js";
import { openTestRedis } from "./support/test-redis.js";

inboundDedupeContract("in memory", async () => {
  const clock = manualClock();
  const ttlMs = 60 * 60_000;
  return {
    dedupe: createMemoryInboundDedupe({ ttlMs, clock }),
    letWindowPass: async () => clock.advance(ttlMs + 1),
    close: async () => {},
  };
});

describeWith({ redis: true }, "redis inbound dedupe", () => {
  inboundDedupeContract("redis", async () => {
    const r = await openTestRedis();
    const ttlMs = 100;
    return {
      dedupe: createRedisInboundDedupe({ redis: r.redis, prefix: r.prefix, ttlMs }),
      letWindowPass: () => sleep(ttlMs * 3),
      close: r.close,
    };
  });
});
