import { rm } from "node:fs/promises";
import { pino } from "pino";
import { createMemoryStorage, type MemoryStorage } from "../../../src/adapters/storage/memory/storage.js";
import { telegramChannel } from "../../../src/adapters/telegram/channel.js";
import { type RunningService, startService } from "../../../src/app/service.js";
import type { Actor } from "../../../src/core/ticket/ticket.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../../../testkit/fake-telegram-api.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../../testkit/pg-test-database.js";
import { testConfig } from "../../../testkit/spawn-service.js";

export const TOKEN = "7000000001:AAF-fake-token-for-the-tests_0123456789";
export const SECRET = "test-webhook-secret_0123";
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
export const AGENT: Actor = { kind: "agent", id: "slack:UAGENT", name: "Carla" };

export interface TelegramTestService {
  readonly api: FakeTelegramApi;
  /** The PostgreSQL database it runs on, for a second instance to share. */
  readonly databaseUrl: string | undefined;
  readonly service: RunningService;
  /** The kind and state of every outbox item so far, oldest first ("agent_reply:DELIVERED"). */
  outboxStates(): Promise<string[]>;
  /** Delivers an update to POST /telegram/webhook; `secret: null` leaves the header out. */
  post(update: unknown, options?: { secret?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The whole service in this process with the Telegram channel, talking to a fake Bot API on
 * 127.0.0.1. Storage is this process's memory, a throwaway PostgreSQL database, or the embedded one
 * in a temporary DATA_DIR (as someone trying the bot out runs it).
 */
export const startTelegramService = async (
  options: {
    /** "postgres": a throwaway database of its own; a URL: one another instance already uses. */
    database: "memory" | "postgres" | "embedded" | { readonly url: string };
    env?: Record<string, string>;
    /** Receives the service's log lines (JSON, info and up) instead of silence. */
    logLines?: string[];
  } = { database: "memory" },
): Promise<TelegramTestService> => {
  const api = await startFakeTelegramApi({ token: TOKEN });
  let db: PgTestDatabase | undefined;
  let service: RunningService | undefined;
  const memory: MemoryStorage | undefined = options.database === "memory" ? createMemoryStorage() : undefined;
  try {
    if (options.database === "postgres") {
      db = await createPgTestDatabase();
      if (!db) throw new Error("DATABASE_URL is not set");
    }
    const databaseUrl = typeof options.database === "object" ? options.database.url : db?.url;
    const config = await testConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: api.url,
      DATABASE_URL: databaseUrl,
      // A busy test machine must not turn a slow upload into a timeout and a second copy.
      OUTBOX_SEND_TIMEOUT_MS: "15000",
      OUTBOX_LEASE_MS: "60000",
      ...options.env,
    });
    service = await startService(config, {
      port: 0,
      logger: options.logLines
        ? pino({ level: "info" }, { write: (line: string) => void options.logLines!.push(line) })
        : pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      channels: [telegramChannel],
      startTimers: false,
      ...(memory ? { storage: memory } : {}),
    });
    const running = service;
    return {
      api,
      databaseUrl,
      service: running,
      async outboxStates() {
        if (memory) return memory.outboxRows().map((r) => `${r.draft.kind}:${r.state}`);
        const rows = await running.core.db!.prisma.outboxItem.findMany({ orderBy: { id: "asc" } });
        return rows.map((i) => `${i.kind}:${i.state}`);
      },
      post: (update, { secret = SECRET } = {}) =>
        fetch(`${running.url}/telegram/webhook`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(secret === null ? {} : { [SECRET_HEADER]: secret }),
          },
          body: JSON.stringify(update),
        }),
      async stop() {
        await running.stop();
        await api.close();
        await db?.drop();
        await rm(config.DATA_DIR, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await service?.stop();
    await api.close();
    await db?.drop();
    throw error;
  }
};
