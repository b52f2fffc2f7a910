import type { ConversationCatalogue } from "../i18n/conversation-catalogue.js";
import { conversationCatalogues } from "../i18n/index.js";
import { LANGS } from "../i18n/lang.js";

/** A label in every language: answers are understood in pt-BR and English whatever the contact's language. */
export const everyLanguage = (pick: (t: ConversationCatalogue) => string | readonly string[]): string[] =>
  LANGS.flatMap((l) => pick(conversationCatalogues[l]));

/** Yes and no in every language, for yes/no questions. */
export const YES_NO = {
  yes: everyLanguage((t) => t.words.yes),
  no: everyLanguage((t) => t.words.no),
};
