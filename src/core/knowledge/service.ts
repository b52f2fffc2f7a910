import type { Lang } from "../i18n/lang.js";
import type { Clock } from "../ports/clock.js";
import type {
  Article,
  ArticleFigures,
  ArticleListQuery,
  ArticleRevision,
  ArticleStatus,
  KnowledgeBase,
} from "../ports/knowledge-base.js";
import { err, ok, type Result } from "../shared/result.js";
import type { CoreError } from "../ticket/errors.js";
import { validate } from "../ticket/validation.js";
import { articleChangeInput, articleFieldsInput } from "./article-input.js";

/** Expected failures of the knowledge base: a field refused (as the ticket core reports it) or no such article. */
export type KbError = CoreError | { readonly code: "ARTICLE_NOT_FOUND"; readonly id: number };

export interface KbTotals {
  readonly shown: number;
  readonly opened: number;
  readonly deflected: number;
  readonly ticketsAfter: number;
}

export interface KbFigures {
  readonly totals: KbTotals;
  readonly articles: readonly ArticleFigures[];
  /** Published articles shown at least once that nobody opened or was helped by. */
  readonly neverHelped: readonly ArticleFigures[];
}

/** Managing articles: every input is validated here, whichever door it came through. */
export interface KnowledgeService {
  add(input: unknown, by: string): Promise<Result<Article, KbError>>;
  edit(id: number, input: unknown, by: string): Promise<Result<Article, KbError>>;
  setStatus(id: number, status: ArticleStatus, by: string): Promise<Result<Article, KbError>>;
  get(id: number): Promise<Result<Article, KbError>>;
  list(query: ArticleListQuery): Promise<Article[]>;
  history(id: number): Promise<Result<ArticleRevision[], KbError>>;
  search(text: string, lang: Lang, limit?: number): Promise<Article[]>;
  figures(): Promise<KbFigures>;
}

const notFound = (id: number): KbError => ({ code: "ARTICLE_NOT_FOUND", id });

const sum = (rows: readonly ArticleFigures[], pick: (r: ArticleFigures) => number) =>
  rows.reduce((total, r) => total + pick(r), 0);

export const figuresOf = (articles: readonly ArticleFigures[]): KbFigures => ({
  totals: {
    shown: sum(articles, (a) => a.shown),
    opened: sum(articles, (a) => a.opened),
    deflected: sum(articles, (a) => a.deflected),
    ticketsAfter: sum(articles, (a) => a.ticketsAfter),
  },
  articles,
  neverHelped: articles.filter(
    (a) => a.status === "PUBLISHED" && a.shown > 0 && a.opened === 0 && a.deflected === 0,
  ),
});

export const createKnowledgeService = (deps: {
  readonly kb: KnowledgeBase;
  readonly clock: Clock;
  readonly departments: readonly string[];
}): KnowledgeService => {
  const { kb, clock } = deps;
  const fields = articleFieldsInput(deps.departments);
  const change = articleChangeInput(deps.departments);
  return {
    async add(input, by) {
      const checked = validate(fields, input);
      if (!checked.ok) return checked;
      const { department, ...rest } = checked.value;
      return ok(await kb.create({ ...rest, department: department ?? null }, "DRAFT", by, clock.now()));
    },
    async edit(id, input, by) {
      const checked = validate(change, input);
      if (!checked.ok) return checked;
      const { status, ...rest } = checked.value;
      const updated = await kb.update(id, { ...rest, ...(status ? { status } : {}) }, by, clock.now());
      return updated ? ok(updated) : err(notFound(id));
    },
    async setStatus(id, status, by) {
      const updated = await kb.update(id, { status }, by, clock.now());
      return updated ? ok(updated) : err(notFound(id));
    },
    async get(id) {
      const found = await kb.get(id);
      return found ? ok(found) : err(notFound(id));
    },
    list: (query) => kb.list(query),
    async history(id) {
      const found = await kb.get(id);
      return found ? ok(await kb.history(id)) : err(notFound(id));
    },
    search: (text, lang, limit = 3) => kb.search({ text, lang, limit }),
    figures: async () => figuresOf(await kb.figures()),
  };
};
