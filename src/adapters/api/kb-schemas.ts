import { z } from "zod";
import { LANGS } from "../../core/i18n/lang.js";
import { ARTICLE_STATUSES } from "../../core/ports/knowledge-base.js";
import { storable } from "../../core/ticket/validation.js";

/**
 * Wire shapes of the knowledge-base routes. Form only (types, sizes); the knowledge service applies
 * the article rules (title length, languages, departments) and answers in the caller's language.
 */
const plain = (max: number) => z.string().max(max).superRefine(storable);

export const articleIdParams = z.object({
  id: z
    .string()
    .regex(/^(?:KB-?)?\d{1,9}$/i)
    .transform((v) => Number(v.replace(/\D/g, "")))
    .meta({ description: "KB-12 or 12" }),
});

export const articleListQuery = z.object({
  status: z.enum(ARTICLE_STATUSES).optional().meta({ description: "Only for keys of all organizations" }),
  lang: z.enum(LANGS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const articleSearchQuery = z.object({
  q: plain(200).trim().min(1).meta({ description: "Words of the question, any language's accents" }),
  lang: z.enum(LANGS).meta({ description: "The language of the articles to search" }),
  limit: z.coerce.number().int().min(1).max(10).default(3),
});

export const articleBody = z.object({
  title: plain(1_000),
  body: plain(100_000),
  lang: plain(10).meta({ description: "pt-BR or en" }),
  department: plain(100).nullish(),
  tags: z.array(plain(100)).max(50).optional(),
  status: z.enum(ARTICLE_STATUSES).optional().meta({ description: "DRAFT (default) or PUBLISHED" }),
});

export const articleChangeBody = articleBody.partial();

export const articleJson = z.object({
  id: z.number().int(),
  ref: z.string().meta({ description: "KB-12" }),
  title: z.string(),
  body: z
    .string()
    .meta({ description: "Markdown: paragraphs, lists, **bold**, _italic_, [links](https://…)" }),
  lang: z.enum(LANGS),
  department: z.string().nullable(),
  tags: z.array(z.string()),
  status: z.enum(ARTICLE_STATUSES),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
});

export const articleRevisionJson = z.object({
  version: z.number().int(),
  status: z.enum(ARTICLE_STATUSES),
  title: z.string(),
  body: z.string(),
  lang: z.enum(LANGS),
  department: z.string().nullable(),
  tags: z.array(z.string()),
  editedBy: z.string(),
  editedAt: z.iso.datetime(),
});

export const articleDetailJson = articleJson.extend({
  history: z
    .array(articleRevisionJson)
    .meta({ description: "Every revision, oldest first (agent keys only)" }),
});

export const articleListJson = z.object({ items: z.array(articleJson) });

const counts = {
  shown: z.number().int(),
  opened: z.number().int(),
  deflected: z.number().int(),
  ticketsAfter: z.number().int(),
};
const articleFiguresJson = z.object({
  articleId: z.number().int(),
  title: z.string(),
  lang: z.enum(LANGS),
  status: z.enum(ARTICLE_STATUSES),
  ...counts,
});

export const kbFiguresJson = z.object({
  totals: z.object(counts),
  articles: z.array(articleFiguresJson),
  neverHelped: z
    .array(articleFiguresJson)
    .meta({ description: "Published articles suggested at least once that nobody opened or was helped by" }),
});
