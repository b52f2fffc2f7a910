import type {
  Article,
  ArticleFigures,
  ArticleRevision,
  KbEventKind,
  KnowledgeBase,
} from "../../../core/ports/knowledge-base.js";
import { fold } from "../../../core/shared/fold.js";

/** Words too common to match on, as the database's Portuguese and English dictionaries drop them. */
const STOP = new Set(
  "the and for you your with from that this have what when com para por uma umas uns dos das nos nas pelo pela que nao sim mas como sem seu sua meu minha esta este isso".split(
    " ",
  ),
);

/** Crude stems: the database stems with Portuguese and English dictionaries; here a word's first letters do. */
const stems = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOP.has(w))
    .map((w) => w.slice(0, 5));

const score = (article: Article, wanted: readonly string[]): number => {
  const title = new Set([...stems(article.title), ...article.tags.flatMap(stems)]);
  const body = new Set(stems(article.body));
  return wanted.reduce((total, w) => total + (title.has(w) ? 3 : 0) + (body.has(w) ? 1 : 0), 0);
};

const COUNTED: Record<KbEventKind, keyof Omit<ArticleFigures, "articleId" | "title" | "lang" | "status">> = {
  SHOWN: "shown",
  OPENED: "opened",
  DEFLECTED: "deflected",
  TICKET_AFTER: "ticketsAfter",
};

/** Articles in this process; ranking approximates the database's (title and tags weigh more than the body). */
export const createMemoryKnowledgeBase = (): KnowledgeBase => {
  const articles = new Map<number, Article>();
  const revisions: ArticleRevision[] = [];
  const events = new Map<string, { kind: KbEventKind; articleId: number }>();
  let next = 1;

  const revise = (a: Article, by: string, at: Date) =>
    revisions.push({
      articleId: a.id,
      version: a.version,
      status: a.status,
      title: a.title,
      body: a.body,
      lang: a.lang,
      department: a.department,
      tags: a.tags,
      editedBy: by,
      editedAt: at,
    });

  return {
    async create(fields, status, by, at) {
      const article: Article = {
        ...fields,
        tags: [...fields.tags],
        id: next++,
        status,
        version: 1,
        createdAt: at,
        updatedAt: at,
        publishedAt: status === "PUBLISHED" ? at : null,
      };
      articles.set(article.id, article);
      revise(article, by, at);
      return article;
    },
    async update(id, change, by, at) {
      const current = articles.get(id);
      if (!current) return null;
      const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      const updated: Article = {
        ...current,
        ...defined,
        version: current.version + 1,
        updatedAt: at,
        publishedAt:
          change.status === "PUBLISHED" && current.status !== "PUBLISHED"
            ? at
            : change.status === "DRAFT"
              ? null
              : current.publishedAt,
      };
      articles.set(id, updated);
      revise(updated, by, at);
      return updated;
    },
    get: async (id) => articles.get(id) ?? null,
    async list(query) {
      return [...articles.values()]
        .filter((a) => (!query.status || a.status === query.status) && (!query.lang || a.lang === query.lang))
        .sort((a, b) => b.id - a.id)
        .slice(0, query.limit);
    },
    history: async (id) => revisions.filter((r) => r.articleId === id),
    async search(query) {
      const wanted = [...new Set(stems(query.text))];
      if (wanted.length === 0) return [];
      return [...articles.values()]
        .filter((a) => a.status === "PUBLISHED" && a.lang === query.lang)
        .map((a) => ({ a, s: score(a, wanted) }))
        .filter((h) => h.s > 0)
        .sort((x, y) => y.s - x.s || y.a.id - x.a.id)
        .slice(0, query.limit)
        .map((h) => h.a);
    },
    async record(list) {
      for (const e of list)
        if (!events.has(e.key)) events.set(e.key, { kind: e.kind, articleId: e.articleId });
    },
    async figures() {
      return [...articles.values()]
        .sort((a, b) => a.id - b.id)
        .map((a) => {
          const counts = { shown: 0, opened: 0, deflected: 0, ticketsAfter: 0 };
          for (const e of events.values()) if (e.articleId === a.id) counts[COUNTED[e.kind]]++;
          return { articleId: a.id, title: a.title, lang: a.lang, status: a.status, ...counts };
        });
    },
  };
};
