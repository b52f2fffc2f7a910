import { z } from "zod";
import { LANGS, type Lang } from "../i18n/lang.js";
import { ARTICLE_STATUSES, type ArticleStatus } from "../ports/knowledge-base.js";
import { oneOf, text } from "../ticket/validation.js";

export const ARTICLE_LIMITS = {
  title: { min: 3, max: 150 },
  body: { min: 1, max: 20_000 },
  tag: { max: 40 },
  tags: { max: 20 },
} as const;

const tag = text(1, ARTICLE_LIMITS.tag.max).transform((t) => t.toLowerCase());

/** Fields of an article as an author sends them (CLI, API, an imported file). */
export const articleFieldsInput = (departments: readonly string[]) =>
  z.object({
    title: text(ARTICLE_LIMITS.title.min, ARTICLE_LIMITS.title.max),
    body: text(ARTICLE_LIMITS.body.min, ARTICLE_LIMITS.body.max),
    lang: oneOf(LANGS).transform((l) => l as Lang),
    department: oneOf(departments).nullish(),
    tags: z.array(tag).max(ARTICLE_LIMITS.tags.max).default([]),
  });

export const articleStatusInput = oneOf(ARTICLE_STATUSES).transform((s) => s as ArticleStatus);

/** An edit: any of the fields, at least one. */
export const articleChangeInput = (departments: readonly string[]) =>
  articleFieldsInput(departments)
    .partial()
    .extend({ status: articleStatusInput.optional() })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { message: "nothing to change" });
