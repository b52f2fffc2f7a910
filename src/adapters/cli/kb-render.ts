import type { KbFigures } from "../../core/knowledge/service.js";
import type { Article, ArticleRevision } from "../../core/ports/knowledge-base.js";

export const articleRef = (id: number): string => `KB-${id}`;

const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export const articleLine = (a: Article): string =>
  [articleRef(a.id).padEnd(7), a.status.toLowerCase().padEnd(9), a.lang.padEnd(5), a.title].join("  ");

export const articleText = (a: Article, history: readonly ArticleRevision[]): string =>
  [
    `${articleRef(a.id)}  ${a.title}`,
    `status: ${a.status.toLowerCase()}    language: ${a.lang}    department: ${a.department ?? "-"}    tags: ${a.tags.join(", ") || "-"}`,
    `created: ${day(a.createdAt)}    updated: ${day(a.updatedAt)}    version: ${a.version}`,
    "",
    a.body,
    "",
    "history:",
    ...history.map(
      (r) => `  v${r.version}  ${day(r.editedAt)}  ${r.status.toLowerCase().padEnd(9)}  ${r.editedBy}`,
    ),
  ].join("\n");

/** The suggestion figures, per article and in total, then the articles that never helped. */
export const kbFiguresText = (f: KbFigures): string => {
  const t = f.totals;
  const rows = f.articles.filter((a) => a.shown + a.opened + a.deflected + a.ticketsAfter > 0);
  return [
    `knowledge base: suggested ${t.shown}   opened ${t.opened}   deflected ${t.deflected}   tickets after a suggestion ${t.ticketsAfter}`,
    ...rows.map(
      (a) =>
        `  ${articleRef(a.articleId).padEnd(7)} suggested ${a.shown}  opened ${a.opened}  deflected ${a.deflected}  tickets after ${a.ticketsAfter}  ${a.title}`,
    ),
    `never helped: ${f.neverHelped.map((a) => `${articleRef(a.articleId)} ${a.title}`).join("; ") || "-"}`,
  ].join("\n");
};
