import { Redis } from "ioredis";
import { startFakePlatforms } from "../../testkit/walk/fake-platforms.js";
import { createTelegramWalker } from "../../testkit/walk/telegram-walker.js";
import { postTo, type Send, type Walker } from "../../testkit/walk/walker.js";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { runPool } from "../stats.js";
import { benchPrefix, deleteKeys } from "../support/redis-keys.js";
import { withBenchDatabase } from "../support/servers.js";
import { type ServiceInstance, startInstance } from "../support/service-instances.js";

const CONCURRENCY = 50;
const TWO_KB = 2048;
const WARM_UP = 100;
/** Steps of the walk that leave a supplier half-way through the form: "/new", then a subject. */
const HALF_WAY = [1, 2];

/** Suppliers half-way through the open-ticket form: the session holds a subject and waits for a department. */
const openConversations = (walker: Walker, send: Send, count: number, first: number) =>
  runPool(count, CONCURRENCY, async (i) => {
    for (const step of HALF_WAY) await send(walker.request(first + i, step));
  });

/** Bytes Redis holds for keys under `prefix` (MEMORY USAGE, key and overhead included) and how many keys. */
const redisUsage = async (redisUrl: string, prefix: string): Promise<{ bytes: number; keys: number }> => {
  const redis = new Redis(redisUrl);
  try {
    let bytes = 0;
    let keys = 0;
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      for (const key of found) {
        bytes += (await redis.memory("USAGE", key)) ?? 0;
        keys++;
      }
    } while (cursor !== "0");
    return { bytes, keys };
  } finally {
    redis.disconnect();
  }
};

const rssOf = async (service: ServiceInstance): Promise<number> => {
  const rss = await service.rss();
  if (rss === null) throw new Error("the service process is gone");
  return rss;
};

const measure = async (ctx: ScenarioContext, count: number): Promise<Measurement[]> => {
  ctx.progress(`memory: ${count} open conversations`);
  const prefix = benchPrefix("memory");
  const fakes = await startFakePlatforms();
  const walker = createTelegramWalker(fakes.telegram);
  try {
    return await withBenchDatabase(ctx.databaseUrl, async (db) => {
      const service = await startInstance("memory", {
        env: {
          ...fakes.env,
          DATABASE_URL: db.url,
          DATABASE_MIGRATE_ON_START: "false",
          REDIS_URL: ctx.redisUrl,
          REDIS_KEY_PREFIX: prefix,
        },
      });
      try {
        const send = postTo(service.url);
        // Warmed up first, so the growth is the conversations' and not the code's first run.
        await openConversations(walker, send, WARM_UP, count + 1);
        const rssBefore = await rssOf(service);
        await openConversations(walker, send, count, 1);
        const rssAfter = await rssOf(service);
        const redis = await redisUsage(ctx.redisUrl, prefix);
        const perConversation = redis.bytes / (count + WARM_UP);
        const size = `conversations=${count} (${redis.keys} Redis keys)`;
        return [
          {
            scenario: "memory",
            size,
            metric: "Redis per conversation",
            unit: "bytes",
            figure: perConversation,
            target: { text: "< 2 KB", holds: perConversation < TWO_KB },
          },
          // Sessions live in Redis; what the process keeps per conversation is caches and garbage not yet collected.
          {
            scenario: "memory",
            size,
            metric: "service RSS growth per conversation",
            unit: "bytes",
            figure: (rssAfter - rssBefore) / count,
          },
          { scenario: "memory", size, metric: "service RSS", unit: "MiB", figure: rssAfter / 2 ** 20 },
        ];
      } finally {
        await service.stop();
      }
    });
  } finally {
    walker.close();
    await fakes.close();
    await deleteKeys(ctx.redisUrl, prefix);
  }
};

export const memory: Scenario = {
  name: "memory",
  describe: "service RSS and Redis bytes per open conversation (suppliers half-way through the form)",
  async run(ctx) {
    const sizes = ctx.quick ? [200, 1000] : [1000, 10000];
    const out: Measurement[] = [];
    for (const size of sizes) out.push(...(await measure(ctx, size)));
    return out;
  },
};
