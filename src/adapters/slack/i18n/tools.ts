import type { Lang } from "../../../core/i18n/index.js";
import type { SlackToolsCatalogue } from "./tools-catalogue.js";
import { slackToolsEn } from "./tools-en.js";
import { slackToolsPtBR } from "./tools-pt-br.js";

export const slackToolsCatalogues: Readonly<Record<Lang, SlackToolsCatalogue>> = {
  "pt-BR": slackToolsPtBR,
  en: slackToolsEn,
};
export type { SlackToolsCatalogue } from "./tools-catalogue.js";
