import { z } from "zod";
import { err, ok, type Result } from "../../core/shared/result.js";

export const TELEGRAM_MODES = ["webhook", "polling"] as const;
export type TelegramMode = (typeof TELEGRAM_MODES)[number];

/**
 * What setWebhook accepts as secret_token (and so what the X-Telegram-Bot-Api-Secret-Token header
 * carries), from 16 characters: a shorter secret can be guessed.
 */
const SECRET = /^[A-Za-z0-9_-]{16,256}$/;
/** "<bot id>:<secret>", as BotFather hands it out. */
const TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,100}$/;

/** The Telegram channel: off while TELEGRAM_BOT_TOKEN is unset. */
export const telegramConfig = {
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(TOKEN, { error: "expected the token BotFather gave, like 123456789:AAE..." })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(SECRET, {
      error: "expected 16 to 256 characters of A-Z, a-z, 0-9, _ or - (32 random ones is good)",
    })
    .optional(),
  TELEGRAM_MODE: z.enum(TELEGRAM_MODES, { error: "expected webhook or polling" }).default("webhook"),
  /** Where the Bot API lives; tests and local Bot API servers point it elsewhere. */
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://api.telegram.org" })
    .default("https://api.telegram.org"),
};

export interface TelegramSettings {
  readonly token: string;
  readonly mode: TelegramMode;
  readonly webhookSecret: string | null;
  readonly apiRoot: string;
}

type TelegramFields = z.output<z.ZodObject<typeof telegramConfig>>;

/**
 * The channel's settings, or null when no token is set. The one rule no single field can check:
 * a webhook without a secret would accept updates from anyone, so webhook mode requires it.
 */
export const telegramSettings = (
  config: TelegramFields,
): Result<TelegramSettings | null, readonly string[]> => {
  if (!config.TELEGRAM_BOT_TOKEN) return ok(null);
  if (config.TELEGRAM_MODE === "webhook" && !config.TELEGRAM_WEBHOOK_SECRET) {
    return err([
      "  TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook (16 to 256 characters of A-Z, a-z, 0-9, _ or -)",
    ]);
  }
  return ok({
    token: config.TELEGRAM_BOT_TOKEN,
    mode: config.TELEGRAM_MODE,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET ?? null,
    apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
  });
};
