import type { Logger } from "pino";
import type { Telegraf } from "telegraf";
import { RetryLaterError } from "../http/retry-later.js";
import { callBot } from "./api.js";
import type { BotIdentity } from "./parse.js";

const GET_ME_TIMEOUT_MS = 10_000;

/**
 * The bot's own id and username, which parsing needs (mentions, replies to the bot): known from
 * start-up, or asked of the Bot API once when start-up could not reach it. While it cannot be
 * asked, updates are answered 503, so Telegram delivers them again.
 */
export const botIdentity = (bot: Telegraf, log: Logger): (() => Promise<BotIdentity>) => {
  let asking: Promise<BotIdentity> | null = null;
  return () => {
    if (bot.botInfo) return Promise.resolve({ id: bot.botInfo.id, username: bot.botInfo.username });
    asking ??= callBot(bot.telegram, "getMe", {}, AbortSignal.timeout(GET_ME_TIMEOUT_MS)).then(
      (info) => {
        bot.botInfo = info;
        return { id: info.id, username: info.username };
      },
      (error: unknown) => {
        asking = null;
        log.warn({ err: error }, "telegram: the Bot API did not say who the bot is; update refused for now");
        throw new RetryLaterError("the bot's identity is not known yet");
      },
    );
    return asking;
  };
};
