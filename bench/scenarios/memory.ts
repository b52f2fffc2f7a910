import { Redis } from "ioredis";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { runPool } from "../stats.js";
import { type ChatService, postUpdate, startChatService } from "../support/chat-service.js";
import { withBenchDatabase } from "../support/servers.js";
import { createUpdates, supplier } from "../support/telegram-walk.js";

const CONCURRENCY = 50;
const TWO_KB = 2048;
const WARM_UP = 100;

/** Suppliers half-way through the open-ticket form: the session holds a subject and waits for a department. */
const openConversations = async (chat: ChatService, count: number, first: number): Promise<void> => {
  const updates = createUpdates(600_000_001 + first * 2);
  await runPool(count, CONCURRENCY, async (i) => {
    const person = supplier(first + i);
    await postUpdate(chat.webhook, updates.text(person, "/new"));
    await postUpdate(chat.webhook, updates.text(person, "Printer offline"));
  });
};

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

const measure = async (ctx: ScenarioContext, count: number): Promise<Measurement[]> => {
  ctx.progress(`memory: ${count} open conversations`);
  return withBenchDatabase(ctx.databaseUrl, async (db) => {
    const chat = await startChatService(ctx, db.url, "memory");
    try {
      // Warmed up first, so the RSS growth is the conversations' and not the code's first run.
      await openConversations(chat, WARM_UP, count);
      const rssBefore = process.memoryUsage().rss;
      await openConversations(chat, count, 0);
      const rssAfter = process.memoryUsage().rss;
      const redis = await redisUsage(ctx.redisUrl, chat.prefix);
      const perConversation = redis.bytes / (count + WARM_UP);
      const size = `conversations=${count} (${redis.keys} keys)`;
      return [
        {
          scenario: "memory",
          size,
          metric: "Redis per conversation",
          unit: "bytes",
          figure: perConversation,
          target: { text: "< 2 KB", holds: perConversation < TWO_KB },
        },
        // Service and fake APIs share this process, so this is an upper bound for the service alone.
        {
          scenario: "memory",
          size,
          metric: "RSS growth per conversation (upper bound)",
          unit: "bytes",
          figure: (rssAfter - rssBefore) / count,
        },
        { scenario: "memory", size, metric: "process RSS", unit: "MiB", figure: rssAfter / 2 ** 20 },
      ];
    } finally {
      await chat.stop();
    }
  });
};

export const memory: Scenario = {
  name: "memory",
  describe: "Redis bytes and RSS per open conversation (suppliers half-way through the form)",
  async run(ctx) {
    const sizes = ctx.quick ? [200, 600] : [1000, 10000];
    const out: Measurement[] = [];
    for (const size of sizes) out.push(...(await measure(ctx, size)));
    return out;
  },
};
