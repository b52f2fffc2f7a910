import type { types } from "@slack/bolt";
import type { Lang } from "../../core/i18n/lang.js";
import { articleChatText } from "../../core/knowledge/chat-text.js";
import type { Article, KbEventKind, KnowledgeBase } from "../../core/ports/knowledge-base.js";
import { slackKbText } from "./kb-text.js";
import { clip, escapeMrkdwn, LIMITS } from "./text.js";

export const SUGGESTIONS_BLOCK = "kb_suggestions";
const EXCERPT = 140;

const excerpt = (a: Article) => clip(articleChatText(a.body).replace(/\s+/g, " "), EXCERPT);

/** "• *Title* — the first words", escaped: titles and bodies are authors' text. */
export const articleLines = (articles: readonly Article[]): string =>
  articles.map((a) => `• *${escapeMrkdwn(a.title)}* — ${escapeMrkdwn(excerpt(a))}`).join("\n");

/** The block the ticket form shows under the subject while it matches articles. */
export const suggestionsBlock = (lang: Lang, articles: readonly Article[]): types.KnownBlock => ({
  type: "section",
  block_id: SUGGESTIONS_BLOCK,
  text: {
    type: "mrkdwn",
    text: clip(
      `${escapeMrkdwn(slackKbText[lang].suggestions)}\n${articleLines(articles)}`,
      LIMITS.sectionText,
    ),
  },
});

/** Published articles in the person's language matching what they typed; none for a word or two letters. */
export const suggestArticles = async (
  kb: KnowledgeBase | undefined,
  lang: Lang,
  typed: string,
): Promise<Article[]> => (kb && typed.trim().length >= 3 ? kb.search({ text: typed, lang, limit: 3 }) : []);

/** Counted once per form and article, however often the subject is retyped. */
export const recordForm = async (
  kb: KnowledgeBase | undefined,
  viewId: string,
  kind: KbEventKind,
  ids: readonly number[],
  at: Date,
): Promise<void> => {
  if (!kb || ids.length === 0) return;
  await kb.record(
    ids.map((articleId) => ({ kind, articleId, key: `slack:view:${viewId}:${kind}:${articleId}`, at })),
  );
};

const ARTICLE_TOKEN = /\[\[KB-?(\d{1,9})\]\]/gi;

/**
 * An agent's reply with `[[KB-12]]` in it: each becomes the published article's title and text, so
 * the requester reads the answer in their chat. Null (with the missing reference) when one is not published.
 */
export const expandArticles = async (
  kb: KnowledgeBase | undefined,
  text: string,
): Promise<{ ok: true; text: string } | { ok: false; ref: string }> => {
  const ids = [...text.matchAll(ARTICLE_TOKEN)].map((m) => Number(m[1]));
  if (ids.length === 0 || !kb) return { ok: true, text };
  const found = new Map<number, Article>();
  for (const id of new Set(ids)) {
    const article = await kb.get(id);
    if (article?.status !== "PUBLISHED") return { ok: false, ref: `KB-${id}` };
    found.set(id, article);
  }
  return {
    ok: true,
    text: text.replace(ARTICLE_TOKEN, (_, id: string) => {
      const a = found.get(Number(id))!;
      return `${a.title}\n\n${articleChatText(a.body)}`;
    }),
  };
};
