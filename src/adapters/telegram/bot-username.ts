import type { TelegramSettings } from "./config.js";

const GET_ME_TIMEOUT_MS = 10_000;

// Telegraf loads when a link is first made: the CLI builds this for every command, and few make links.
const askBot = async (settings: TelegramSettings) => {
  const [{ Telegram }, { callBot }] = await Promise.all([import("telegraf"), import("./api.js")]);
  return callBot(
    new Telegram(settings.token, { apiRoot: settings.apiRoot, webhookReply: false }),
    "getMe",
    {},
    AbortSignal.timeout(GET_ME_TIMEOUT_MS),
  );
};

/**
 * The bot's @username for deep links (`https://t.me/<bot>?start=<code>`), asked of the Bot API once
 * and kept; asked again after a failure, which throws (the invitation is then not made).
 */
export const telegramBotUsername = (settings: TelegramSettings): (() => Promise<string>) => {
  let known: Promise<string> | null = null;
  return () => {
    known ??= askBot(settings).then(
      (info) => info.username,
      (error: unknown) => {
        known = null;
        throw error;
      },
    );
    return known;
  };
};
