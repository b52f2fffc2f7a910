import type { KbFigures } from "../../core/knowledge/service.js";
import type { Article, ArticleRevision } from "../../core/ports/knowledge-base.js";
import type { CliLabels, ReportLabels } from "./labels.js";

export const articleRef = (id: number): string => `KB-${id}`;

const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export const articleLine = (a: Article): string =>
  [articleRef(a.id).padEnd(7), a.status.toLowerCase().padEnd(9), a.lang.padEnd(5), a.title].join("  ");

export const articleText = (a: Article, history: readonly ArticleRevision[], l: CliLabels): string =>
  [
    `${articleRef(a.id)}  ${a.title}`,
    `${l.status}: ${a.status.toLowerCase()}    ${l.kb.language}: ${a.lang}    ${l.department}: ${a.department ?? "-"}    ${l.kb.tags}: ${a.tags.join(", ") || "-"}`,
    `${l.created}: ${day(a.createdAt)}    ${l.updated}: ${day(a.updatedAt)}    ${l.kb.version}: ${a.version}`,
    "",
    a.body,
    "",
    `${l.history}:`,
    ...history.map(
      (r) => `  v${r.version}  ${day(r.editedAt)}  ${r.status.toLowerCase().padEnd(9)}  ${r.editedBy}`,
    ),
  ].join("\n");

/** The suggestion figures, per article and in total, then the articles that never helped. */
export const kbFiguresText = (f: KbFigures, l: ReportLabels): string => {
  const t = f.totals;
  const rows = f.articles.filter((a) => a.shown + a.opened + a.deflected + a.ticketsAfter > 0);
  return [
    `${l.knowledgeBase}: ${l.suggested} ${t.shown}   ${l.opened} ${t.opened}   ${l.deflected} ${t.deflected}   ${l.ticketsAfterSuggestion} ${t.ticketsAfter}`,
    ...rows.map(
      (a) =>
        `  ${articleRef(a.articleId).padEnd(7)} ${l.suggested} ${a.shown}  ${l.opened} ${a.opened}  ${l.deflected} ${a.deflected}  ${l.ticketsAfter} ${a.ticketsAfter}  ${a.title}`,
    ),
    `${l.neverHelped}: ${f.neverHelped.map((a) => `${articleRef(a.articleId)} ${a.title}`).join("; ") || "-"}`,
  ].join("\n");
};
