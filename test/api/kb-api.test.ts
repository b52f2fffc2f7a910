import { afterEach, beforeEach, expect, it } from "vitest";
import type { RunningService } from "../../src/app/service.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { client, startApiService } from "./support.js";

/** The article the tests write first (KB-1). */
const BOLETO_DRAFT = {
  title: "Segunda via de boleto",
  body: "Abra **Financeiro** e escolha _Boletos_.",
  lang: "pt-BR",
  department: "sales",
  tags: ["Boleto"],
};

describeWith({ pg: true }, "REST API /api/v1/kb", () => {
  let s: Awaited<ReturnType<typeof startApiService>>;
  let service: RunningService;
  let agent: ReturnType<typeof client>;
  let acme: ReturnType<typeof client>;

  // Each test on its own service, so article numbers and counts are its own whatever ran before.
  beforeEach(async () => {
    s = await startApiService();
    service = s.service;
    agent = s.agent;
    acme = s.acme;
  });
  afterEach(async () => {
    await s?.stop();
  });

  /** The one published article the first test writes (KB-1), for the tests that need one there. */
  const publishedArticle = async () => {
    const draft = await agent.post("/kb/articles", BOLETO_DRAFT);
    expect(draft.json).toMatchObject({ ref: "KB-1" });
    const published = await agent.put("/kb/articles/1", { status: "PUBLISHED", title: "2ª via de boleto" });
    expect(published.json).toMatchObject({ status: "PUBLISHED" });
  };

  it("writes, edits, publishes and searches articles; organization keys read published ones only", async () => {
    const draft = await agent.post("/kb/articles", BOLETO_DRAFT);
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ ref: "KB-1", status: "DRAFT", version: 1, tags: ["boleto"] });

    expect((await acme.get("/kb/articles/KB-1")).status).toBe(404);
    expect((await acme.get("/kb/search?q=boleto&lang=pt-BR")).json.items).toEqual([]);

    const published = await agent.put("/kb/articles/1", { status: "PUBLISHED", title: "2ª via de boleto" });
    expect(published.json).toMatchObject({ status: "PUBLISHED", version: 2, title: "2ª via de boleto" });

    const read = await acme.get("/kb/articles/KB-1");
    expect(read.status).toBe(200);
    expect(read.json.history).toEqual([]);
    const withHistory = await agent.get("/kb/articles/KB-1");
    expect(withHistory.json.history.map((h: { version: number }) => h.version)).toEqual([1, 2]);

    const found = await acme.get("/kb/search?q=BOLETÕES%20atrasados&lang=pt-BR");
    expect(found.json.items.map((a: { ref: string }) => a.ref)).toEqual(["KB-1"]);
    expect((await acme.get("/kb/search?q=boleto&lang=en")).json.items).toEqual([]);
    expect((await acme.get("/kb/articles")).json.items).toHaveLength(1);
  });

  it("refuses bad input per field in the caller's language, and writes from organization keys", async () => {
    await publishedArticle();
    const bad = await agent.post("/kb/articles", { title: "x", body: "y", lang: "fr" });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("VALIDATION_FAILED");
    const fields = bad.json.errors?.map((e: { field: string }) => e.field) ?? JSON.stringify(bad.json);
    expect(String(fields)).toContain("title");
    expect(String(fields)).toContain("lang");
    const control = await agent.post("/kb/articles", { title: "Título\u0000", body: "y", lang: "en" });
    expect(control.status).toBe(400);
    expect((await acme.post("/kb/articles", { title: "Título bom", body: "y", lang: "en" })).status).toBe(
      403,
    );
    expect((await acme.put("/kb/articles/1", { title: "Outro título" })).status).toBe(403);
    expect((await agent.put("/kb/articles/99", { title: "Outro título" })).status).toBe(404);
    expect((await agent.get("/kb/articles")).json.items.length).toBe(1);
  });

  it("answers figures to agent keys and documents every route", async () => {
    await publishedArticle();
    expect((await acme.get("/kb/stats")).status).toBe(403);
    const figures = await agent.get("/kb/stats");
    expect(figures.json.totals).toEqual({ shown: 0, opened: 0, deflected: 0, ticketsAfter: 0 });
    expect((await agent.get("/stats")).json.knowledgeBase.articles[0]).toMatchObject({ articleId: 1 });
    expect((await acme.get("/stats")).json.knowledgeBase).toBeUndefined();
    const doc = await client(service.url).get("/openapi.json");
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(["/kb/articles", "/kb/articles/{id}", "/kb/search", "/kb/stats"]),
    );
    expect(doc.json.paths["/kb/articles"].post.operationId).toBe("createArticle");
  });
});
