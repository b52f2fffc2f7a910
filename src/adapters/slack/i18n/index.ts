import type { Lang } from "../../../core/i18n/index.js";
import type { SlackCatalogue } from "./catalogue.js";
import { slackEn } from "./en.js";
import { slackPtBR } from "./pt-br.js";

/** This channel's own sentences; the dialogue and the core's words live in src/core/i18n. */
export const slackCatalogues: Readonly<Record<Lang, SlackCatalogue>> = { "pt-BR": slackPtBR, en: slackEn };
export type * from "./catalogue.js";
