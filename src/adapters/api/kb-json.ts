import type { Article, ArticleRevision } from "../../core/ports/knowledge-base.js";

export const toArticleJson = (a: Article) => ({
  id: a.id,
  ref: `KB-${a.id}`,
  title: a.title,
  body: a.body,
  lang: a.lang,
  department: a.department,
  tags: [...a.tags],
  status: a.status,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  publishedAt: a.publishedAt?.toISOString() ?? null,
});

export const toRevisionJson = (r: ArticleRevision) => ({
  version: r.version,
  status: r.status,
  title: r.title,
  body: r.body,
  lang: r.lang,
  department: r.department,
  tags: [...r.tags],
  editedBy: r.editedBy,
  editedAt: r.editedAt.toISOString(),
});
