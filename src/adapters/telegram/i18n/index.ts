import type { Lang } from "../../../core/i18n/index.js";
import type { TelegramCatalogue } from "./catalogue.js";
import { telegramEn } from "./en.js";
import { telegramPtBR } from "./pt-br.js";

/** This channel's own sentences; the dialogue and the core's words live in src/core/i18n. */
export const telegramCatalogues: Readonly<Record<Lang, TelegramCatalogue>> = {
  "pt-BR": telegramPtBR,
  en: telegramEn,
};
export { TELEGRAM_COMMANDS, type TelegramCatalogue, type TelegramCommand } from "./catalogue.js";
