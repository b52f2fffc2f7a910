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

import type { TelegramCatalogue } from "./telegram-catalogue.js";
import { telegramEn } from "./telegram-en.js";
import { telegramPtBR } from "./telegram-pt-br.js";

export const telegramCatalogues: Readonly<Record<Lang, TelegramCatalogue>> = {
  "pt-BR": telegramPtBR,
  en: telegramEn,
};
export { TELEGRAM_COMMANDS, type TelegramCatalogue, type TelegramCommand } from "./telegram-catalogue.js";

import type { WhatsAppCatalogue } from "./whatsapp-catalogue.js";
import { whatsappEn } from "./whatsapp-en.js";
import { whatsappPtBR } from "./whatsapp-pt-br.js";

export const whatsappCatalogues: Readonly<Record<Lang, WhatsAppCatalogue>> = {
  "pt-BR": whatsappPtBR,
  en: whatsappEn,
};
export type { WhatsAppCatalogue } from "./whatsapp-catalogue.js";

import type { SlackCatalogue } from "./slack-catalogue.js";
import { slackEn } from "./slack-en.js";
import { slackPtBR } from "./slack-pt-br.js";

export const slackCatalogues: Readonly<Record<Lang, SlackCatalogue>> = { "pt-BR": slackPtBR, en: slackEn };
export type { SlaClockName, SlackCatalogue } from "./slack-catalogue.js";
