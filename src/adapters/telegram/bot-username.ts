import { Telegram } from "telegraf";
import { callBot } from "./api.js";
import type { TelegramSettings } from "./config.js";

const GET_ME_TIMEOUT_MS = 10_000;

/**
 * The bot's @username for deep links (`https://t.me/<bot>?start=<code>`), asked of the Bot API once
 * and kept; asked again after a failure, which throws (the invitation is then not made).
 */
export const telegramBotUsername = (settings: TelegramSettings): (() => Promise<string>) => {
  let known: Promise<string> | null = null;
  return () => {
    known ??= callBot(
      new Telegram(settings.token, { apiRoot: settings.apiRoot, webhookReply: false }),
      "getMe",
      {},
      AbortSignal.timeout(GET_ME_TIMEOUT_MS),
    ).then(
      (info) => info.username,
      (error: unknown) => {
        known = null;
        throw error;
      },
    );
    return known;
  };
};
