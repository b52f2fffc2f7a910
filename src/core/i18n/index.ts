import type { Catalogue } from "./catalogue.js";
import type { ConversationCatalogue } from "./conversation-catalogue.js";
import { conversationEn } from "./conversation-en.js";
import { conversationPtBR } from "./conversation-pt-br.js";
import { en } from "./en.js";
import type { Lang } from "./lang.js";
import { ptBR } from "./pt-br.js";

export const catalogues: Readonly<Record<Lang, Catalogue>> = { "pt-BR": ptBR, en };

export type { Catalogue } from "./catalogue.js";
export { DEFAULT_LANG, LANGS, type Lang, langFromLocale } from "./lang.js";

export const conversationCatalogues: Readonly<Record<Lang, ConversationCatalogue>> = {
  "pt-BR": conversationPtBR,
  en: conversationEn,
};

export type { ConversationCatalogue, StatusFilter } from "./conversation-catalogue.js";

import type { NoticeCatalogue } from "./notice-catalogue.js";
import { noticeEn } from "./notice-en.js";
import { noticePtBR } from "./notice-pt-br.js";

export const noticeCatalogues: Readonly<Record<Lang, NoticeCatalogue>> = {
  "pt-BR": noticePtBR,
  en: noticeEn,
};
export type { NoticeCatalogue } from "./notice-catalogue.js";
