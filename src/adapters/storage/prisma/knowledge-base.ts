import type { Lang } from "../../../core/i18n/lang.js";
import type { Article, ArticleFigures, KnowledgeBase } from "../../../core/ports/knowledge-base.js";
import { fold } from "../../../core/shared/fold.js";
import { Prisma, type PrismaClient, TX_OPTIONS, type Tx } from "./client.js";

type Row = {
  id: number;
  title: string;
  body: string;
  lang: string;
  department: string | null;
  tags: string[];
  status: "DRAFT" | "PUBLISHED";
  version: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
};

const asLang = (lang: string): Lang => (lang === "en" ? "en" : "pt-BR");

const toArticle = (r: Row): Article => ({
  id: r.id,
  title: r.title,
  body: r.body,
  lang: asLang(r.lang),
  department: r.department,
  tags: r.tags,
  status: r.status,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  publishedAt: r.publishedAt,
});

const select = {
  id: true,
  title: true,
  body: true,
  lang: true,
  department: true,
  tags: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
} as const;

/** Both stemmers over folded text, as tickets are indexed; the title and tags outweigh the body. */
const weighted = (text: string, weight: "A" | "B"): Prisma.Sql => {
  const folded = fold(text);
  const w = Prisma.raw(`'${weight}'`);
  return Prisma.sql`(setweight(to_tsvector('portuguese', ${folded}), ${w}) || setweight(to_tsvector('english', ${folded}), ${w}))`;
};

const index = (tx: Tx, a: Pick<Row, "title" | "body" | "tags">, id: number) =>
  tx.$executeRaw`UPDATE kb_article SET search_vector = ${weighted(`${a.title} ${a.tags.join(" ")}`, "A")} || ${weighted(a.body, "B")} WHERE id = ${id}`;

const CONFIG: Record<Lang, Prisma.Sql> = {
  "pt-BR": Prisma.raw("'portuguese'::regconfig"),
  en: Prisma.raw("'english'::regconfig"),
};

/**
 * Any of the words, stemmed both ways as tickets are searched, without the stop words of the
 * person's language: "da" is no English stop word, and would match every Portuguese article.
 */
const anyWord = (lang: Lang, words: readonly string[]): Prisma.Sql =>
  Prisma.sql`(SELECT websearch_to_tsquery('portuguese', q) || websearch_to_tsquery('english', q)
    FROM (SELECT coalesce(string_agg(w, ' or '), '') AS q FROM unnest(${[...words]}::text[]) AS w
          WHERE to_tsvector(${CONFIG[lang]}, w) <> ''::tsvector) kept)`;

const revise = (tx: Tx, a: Row, by: string, at: Date) =>
  tx.kbArticleRevision.create({
    data: {
      articleId: a.id,
      version: a.version,
      title: a.title,
      body: a.body,
      lang: a.lang,
      department: a.department,
      tags: a.tags,
      status: a.status,
      editedBy: by,
      editedAt: at,
    },
  });

/** Articles on PostgreSQL (or PGlite), searched like tickets: folded words, websearch, ranked by ts_rank. */
export const createPrismaKnowledgeBase = (prisma: PrismaClient): KnowledgeBase => ({
  create: (fields, status, by, at) =>
    prisma.$transaction(async (tx) => {
      const row = await tx.kbArticle.create({
        data: {
          ...fields,
          tags: [...fields.tags],
          status,
          version: 1,
          createdAt: at,
          updatedAt: at,
          publishedAt: status === "PUBLISHED" ? at : null,
        },
        select,
      });
      await index(tx, row, row.id);
      await revise(tx, row, by, at);
      return toArticle(row);
    }, TX_OPTIONS),

  update: (id, change, by, at) =>
    prisma.$transaction(async (tx) => {
      // Locked, so two edits at once get consecutive versions instead of one failing.
      const locked = await tx.$queryRaw<
        { id: number }[]
      >`SELECT id FROM kb_article WHERE id = ${id} FOR UPDATE`;
      if (locked.length === 0) return null;
      const current = await tx.kbArticle.findUniqueOrThrow({ where: { id }, select });
      const publishedAt =
        change.status === "PUBLISHED" && current.status !== "PUBLISHED"
          ? at
          : change.status === "DRAFT"
            ? null
            : current.publishedAt;
      const row = await tx.kbArticle.update({
        where: { id },
        data: {
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.body !== undefined ? { body: change.body } : {}),
          ...(change.lang !== undefined ? { lang: change.lang } : {}),
          ...(change.department !== undefined ? { department: change.department } : {}),
          ...(change.tags !== undefined ? { tags: [...change.tags] } : {}),
          ...(change.status !== undefined ? { status: change.status } : {}),
          version: current.version + 1,
          updatedAt: at,
          publishedAt,
        },
        select,
      });
      await index(tx, row, id);
      await revise(tx, row, by, at);
      return toArticle(row);
    }, TX_OPTIONS),

  async get(id) {
    const row = await prisma.kbArticle.findUnique({ where: { id }, select });
    return row ? toArticle(row) : null;
  },

  async list(query) {
    const rows = await prisma.kbArticle.findMany({
      where: {
        ...(query.status ? { status: query.status } : {}),
        ...(query.lang ? { lang: query.lang } : {}),
      },
      orderBy: { id: "desc" },
      take: query.limit,
      select,
    });
    return rows.map(toArticle);
  },

  async history(id) {
    const rows = await prisma.kbArticleRevision.findMany({
      where: { articleId: id },
      orderBy: { version: "asc" },
    });
    return rows.map((r) => ({
      articleId: r.articleId,
      version: r.version,
      status: r.status,
      title: r.title,
      body: r.body,
      lang: asLang(r.lang),
      department: r.department,
      tags: r.tags,
      editedBy: r.editedBy,
      editedAt: r.editedAt,
    }));
  },

  async search(query) {
    const words = fold(query.text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1);
    if (words.length === 0) return [];
    // The query first, on its own: as a value the planner sees it, and picks the text index when it is selective.
    const [built] = await prisma.$queryRaw<
      { q: string }[]
    >`SELECT (${anyWord(query.lang, words)})::text AS q`;
    const q = built?.q ?? "";
    if (!q) return [];
    const ids = await prisma.$queryRaw<{ id: number }[]>`
      SELECT a.id FROM kb_article a
      WHERE a.status = 'PUBLISHED'::"KbArticleStatus" AND a.lang = ${query.lang} AND a.search_vector @@ ${q}::tsquery
      ORDER BY ts_rank(a.search_vector, ${q}::tsquery) DESC, a.id DESC LIMIT ${query.limit}`;
    if (ids.length === 0) return [];
    const rows = await prisma.kbArticle.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select });
    const byId = new Map(rows.map((r) => [r.id, toArticle(r)]));
    return ids.flatMap((r) => byId.get(r.id) ?? []);
  },

  async record(events) {
    if (events.length === 0) return;
    await prisma.kbEvent.createMany({
      data: events.map((e) => ({ key: e.key, kind: e.kind, articleId: e.articleId, at: e.at })),
      skipDuplicates: true,
    });
  },

  async figures() {
    const [articles, counts] = await Promise.all([
      prisma.kbArticle.findMany({
        select: { id: true, title: true, lang: true, status: true },
        orderBy: { id: "asc" },
      }),
      prisma.kbEvent.groupBy({ by: ["articleId", "kind"], _count: { _all: true } }),
    ]);
    const of = (id: number, kind: string) =>
      counts.find((c) => c.articleId === id && c.kind === kind)?._count._all ?? 0;
    return articles.map(
      (a): ArticleFigures => ({
        articleId: a.id,
        title: a.title,
        lang: asLang(a.lang),
        status: a.status,
        shown: of(a.id, "SHOWN"),
        opened: of(a.id, "OPENED"),
        deflected: of(a.id, "DEFLECTED"),
        ticketsAfter: of(a.id, "TICKET_AFTER"),
      }),
    );
  },
});
