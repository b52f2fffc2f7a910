import type { KbError } from "../../../core/knowledge/service.js";
import type { Article } from "../../../core/ports/knowledge-base.js";
import type { Result } from "../../../core/shared/result.js";
import type { ApiPrincipal } from "../auth.js";
import type { ApiDeps } from "../deps.js";
import { toArticleJson, toRevisionJson } from "../kb-json.js";
import {
  articleBody,
  articleChangeBody,
  articleDetailJson,
  articleIdParams,
  articleJson,
  articleListJson,
  articleListQuery,
  articleSearchQuery,
  kbFiguresJson,
} from "../kb-schemas.js";
import { type ApiOutcome, defineRoute } from "../route.js";

const agentsOnly: ApiOutcome = {
  kind: "problem",
  problem: { status: 403, code: "FORBIDDEN", detail: "Only keys of all organizations manage articles." },
};

const notFound = (id: number): ApiOutcome => ({
  kind: "problem",
  problem: { status: 404, code: "ARTICLE_NOT_FOUND", detail: `No article KB-${id}.` },
});

const isAgent = (p: ApiPrincipal) => p.actor.kind === "agent";
const editorOf = (p: ApiPrincipal) => `api:${p.key.name}`;

const answer = (result: Result<Article, KbError>, status = 200): ApiOutcome => {
  if (result.ok) return { kind: "ok", status, body: toArticleJson(result.value) };
  if (result.error.code === "ARTICLE_NOT_FOUND") return notFound(result.error.id);
  return { kind: "core", error: result.error };
};

/** Knowledge-base articles: anyone with a key reads published ones; keys of all organizations manage them. */
export const kbRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "GET",
    path: "/kb/articles",
    operationId: "listArticles",
    summary: "Articles, newest first (organization keys see published ones only)",
    query: articleListQuery,
    response: { status: 200, schema: articleListJson, description: "The articles" },
    errors: [],
    async handle({ principal, query }) {
      const items = await deps.knowledge.list({
        limit: query.limit,
        ...(query.lang ? { lang: query.lang } : {}),
        ...(isAgent(principal) ? (query.status ? { status: query.status } : {}) : { status: "PUBLISHED" }),
      });
      return { kind: "ok", body: { items: items.map(toArticleJson) } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/kb/search",
    operationId: "searchArticles",
    summary: "Published articles of one language matching the words, best first (what the chat suggests)",
    query: articleSearchQuery,
    response: { status: 200, schema: articleListJson, description: "Up to `limit` articles" },
    errors: [],
    async handle({ query }) {
      const items = await deps.knowledge.search(query.q, query.lang, query.limit);
      return { kind: "ok", body: { items: items.map(toArticleJson) } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/kb/articles/{id}",
    operationId: "getArticle",
    summary: "One article; agent keys also get its history and drafts",
    params: articleIdParams,
    response: { status: 200, schema: articleDetailJson, description: "The article" },
    errors: [404],
    async handle({ principal, params }) {
      const found = await deps.knowledge.get(params.id);
      if (!found.ok || (!isAgent(principal) && found.value.status !== "PUBLISHED"))
        return notFound(params.id);
      const history = isAgent(principal) ? await deps.knowledge.history(params.id) : null;
      return {
        kind: "ok",
        body: {
          ...toArticleJson(found.value),
          history: history?.ok ? history.value.map(toRevisionJson) : [],
        },
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/kb/articles",
    operationId: "createArticle",
    summary: "Write an article (a draft unless status is PUBLISHED)",
    body: articleBody,
    response: { status: 201, schema: articleJson, description: "The article as stored" },
    errors: [403],
    async handle({ principal, body }) {
      if (!isAgent(principal)) return agentsOnly;
      const { status, ...fields } = body;
      const created = await deps.knowledge.add(fields, editorOf(principal));
      const result =
        created.ok && status === "PUBLISHED"
          ? await deps.knowledge.setStatus(created.value.id, "PUBLISHED", editorOf(principal))
          : created;
      return answer(result, 201);
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/kb/articles/{id}",
    operationId: "updateArticle",
    summary: "Change an article's fields or status (publish, back to draft); every change is a revision",
    params: articleIdParams,
    body: articleChangeBody,
    response: { status: 200, schema: articleJson, description: "The article as stored" },
    errors: [403, 404],
    async handle({ principal, params, body }) {
      if (!isAgent(principal)) return agentsOnly;
      return answer(await deps.knowledge.edit(params.id, body, editorOf(principal)));
    },
  }),
  defineRoute({
    method: "GET",
    path: "/kb/stats",
    operationId: "getArticleStats",
    summary: "Suggestions shown, articles opened, deflections and tickets opened after a suggestion",
    response: { status: 200, schema: kbFiguresJson, description: "Per article and in total" },
    errors: [403],
    async handle({ principal }) {
      if (!isAgent(principal)) return agentsOnly;
      return { kind: "ok", body: await deps.knowledge.figures() };
    },
  }),
];
