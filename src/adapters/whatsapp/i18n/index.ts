import type { Lang } from "../../../core/i18n/index.js";
import type { WhatsAppCatalogue } from "./catalogue.js";
import { whatsappEn } from "./en.js";
import { whatsappPtBR } from "./pt-br.js";

/** This channel's own sentences; the dialogue and the core's words live in src/core/i18n. */
export const whatsappCatalogues: Readonly<Record<Lang, WhatsAppCatalogue>> = {
  "pt-BR": whatsappPtBR,
  en: whatsappEn,
};
export type * from "./catalogue.js";
