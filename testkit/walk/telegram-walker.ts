import type { FakeTelegramApi } from "../fake-telegram-api.js";
import { createBotInbox } from "./bot-inbox.js";
import { createUpdates, OPEN_TICKET_WALK, type Step, supplier, updateFor } from "./telegram-walk.js";
import type { Walker } from "./walker.js";

/** The bot token and webhook secret the bench's services and fake Bot API share. */
export const TELEGRAM_BOT = {
  token: "7000000001:AAF-fake-token-for-the-bench_0123456789",
  webhookSecret: "bench-webhook-secret_0123",
} as const;

/** The service's variables for the Telegram channel (webhook mode) against `api`. */
export const telegramEnv = (api: FakeTelegramApi): Record<string, string> => ({
  TELEGRAM_BOT_TOKEN: TELEGRAM_BOT.token,
  TELEGRAM_WEBHOOK_SECRET: TELEGRAM_BOT.webhookSecret,
  TELEGRAM_API_ROOT: api.url,
});

/**
 * Suppliers in private chats with the bot (telegram-walk.ts) as a Walker: each step is an update
 * posted with the webhook's secret header, update ids counting up from `firstUpdateId`.
 */
export const createTelegramWalker = (
  api: FakeTelegramApi,
  options: { firstUpdateId?: number; walk?: readonly Step[] } = {},
): Walker => {
  const walk = options.walk ?? OPEN_TICKET_WALK;
  const updates = createUpdates(options.firstUpdateId ?? 700_000_001);
  const inbox = createBotInbox(api);
  const chatOf = (index: number) => supplier(index).userId;
  return {
    channel: "telegram",
    steps: walk.length,
    inbox: {
      count: (index) => inbox.count(chatOf(index)),
      arrivedAt: (index, n) => inbox.arrivedAt(chatOf(index), n),
      waitFor: (index, count, timeoutMs) => inbox.waitFor(chatOf(index), count, timeoutMs),
    },
    request(index, step) {
      const update = updateFor(updates, supplier(index), walk[step]!, api);
      return {
        id: String(update.update_id),
        path: "/telegram/webhook",
        headers: { "x-telegram-bot-api-secret-token": TELEGRAM_BOT.webhookSecret },
        body: JSON.stringify(update),
      };
    },
    received: (index) => api.messages(chatOf(index)).map((m) => m.text),
    contactKey: (index) => String(chatOf(index)),
    close: () => inbox.close(),
  };
};
