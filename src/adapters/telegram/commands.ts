import type { Lang } from "../../core/i18n/index.js";
import { type BotClient, callBot } from "./api.js";
import { TELEGRAM_COMMANDS, telegramCatalogues } from "./i18n/index.js";

/** Telegram picks a command list by the person's app language (ISO 639-1); ours are these two. */
const LANGUAGE_CODES: Readonly<Record<Lang, string>> = { "pt-BR": "pt", en: "en" };

const commandsIn = (lang: Lang) =>
  TELEGRAM_COMMANDS.map((command) => ({ command, description: telegramCatalogues[lang].commands[command] }));

/**
 * The command menu of the client (the "/" button): in Portuguese and English for people whose app is
 * in either, and in the default language for everyone else.
 */
export const registerCommands = async (
  client: BotClient,
  defaultLang: Lang,
  signal?: AbortSignal,
): Promise<void> => {
  await callBot(client, "setMyCommands", { commands: commandsIn(defaultLang) }, signal);
  for (const lang of Object.keys(LANGUAGE_CODES) as Lang[]) {
    await callBot(
      client,
      "setMyCommands",
      { commands: commandsIn(lang), language_code: LANGUAGE_CODES[lang] },
      signal,
    );
  }
};
