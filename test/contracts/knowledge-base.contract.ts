import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleFields, KnowledgeBase } from "../../src/core/ports/knowledge-base.js";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 12, minute));

const pt = (title: string, body: string, tags: string[] = []): ArticleFields => ({
  title,
  body,
  lang: "pt-BR",
  department: null,
  tags,
});

/** Articles, their history, search and figures: the same on every store. */
export const knowledgeBaseContract = (
  name: string,
  open: () => Promise<{ kb: KnowledgeBase; close(): Promise<void> }>,
) => {
  describe(`knowledge base contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    let kb: KnowledgeBase;

    beforeAll(async () => {
      store = await open();
      kb = store.kb;
    });
    afterAll(async () => {
      await store?.close();
    });

    it("creates, edits and publishes with a revision for every state", async () => {
      const a = await kb.create(pt("Como emitir nota fiscal", "Passo a passo."), "DRAFT", "ana", at(0));
      expect(a).toMatchObject({ version: 1, status: "DRAFT", publishedAt: null, tags: [] });
      const edited = await kb.update(a.id, { body: "Passo a passo revisado.", tags: ["nf"] }, "bia", at(1));
      expect(edited).toMatchObject({ version: 2, body: "Passo a passo revisado.", tags: ["nf"] });
      const published = await kb.update(a.id, { status: "PUBLISHED" }, "ana", at(2));
      expect(published?.publishedAt?.toISOString()).toBe(at(2).toISOString());
      expect(published?.title).toBe("Como emitir nota fiscal");
      const history = await kb.history(a.id);
      expect(history.map((h) => [h.version, h.status, h.editedBy])).toEqual([
        [1, "DRAFT", "ana"],
        [2, "DRAFT", "bia"],
        [3, "PUBLISHED", "ana"],
      ]);
      expect(history[0]?.body).toBe("Passo a passo.");
      expect(await kb.get(a.id)).toMatchObject({ version: 3, status: "PUBLISHED" });
    });

    it("answers null for an article that does not exist", async () => {
      expect(await kb.update(999_999, { title: "x" }, "ana", at(3))).toBeNull();
      expect(await kb.get(999_999)).toBeNull();
    });

    it("searches published articles of one language, accent-insensitive, title before body", async () => {
      const inTitle = await kb.create(
        pt("Pagamento atrasado de fatura", "Confira o boleto."),
        "PUBLISHED",
        "ana",
        at(4),
      );
      const inBody = await kb.create(
        pt("Cadastro de fornecedor", "Um pagamento só sai depois do cadastro aprovado."),
        "PUBLISHED",
        "ana",
        at(5),
      );
      await kb.create(pt("Pagamento em rascunho", "Ainda não publicado."), "DRAFT", "ana", at(6));
      await kb.create(
        { ...pt("Late payment of an invoice", "Check the slip."), lang: "en" },
        "PUBLISHED",
        "ana",
        at(7),
      );
      const found = await kb.search({ text: "PAGAMENTO nao caiu", lang: "pt-BR", limit: 3 });
      expect(found.map((a) => a.id)).toEqual([inTitle.id, inBody.id]);
      const english = await kb.search({ text: "late payment", lang: "en", limit: 3 });
      expect(english.map((a) => a.title)).toEqual(["Late payment of an invoice"]);
      expect(await kb.search({ text: "fatúra", lang: "pt-BR", limit: 3 })).toHaveLength(1);
      expect(await kb.search({ text: "  ", lang: "pt-BR", limit: 3 })).toEqual([]);
    });

    it("finds an article by its tags and forgets the old words after an edit", async () => {
      const a = await kb.create(
        pt("Acesso ao portal", "Entre com seu CNPJ.", ["senha"]),
        "PUBLISHED",
        "ana",
        at(8),
      );
      expect((await kb.search({ text: "senha", lang: "pt-BR", limit: 3 })).map((x) => x.id)).toContain(a.id);
      await kb.update(a.id, { tags: [], title: "Entrada no portal" }, "ana", at(9));
      expect((await kb.search({ text: "senha", lang: "pt-BR", limit: 3 })).map((x) => x.id)).not.toContain(
        a.id,
      );
    });

    it("lists by status and language, newest first", async () => {
      const drafts = await kb.list({ status: "DRAFT", limit: 10 });
      expect(drafts.every((a) => a.status === "DRAFT")).toBe(true);
      const english = await kb.list({ lang: "en", limit: 10 });
      expect(english.map((a) => a.lang)).toEqual(["en"]);
      const all = await kb.list({ limit: 2 });
      expect(all).toHaveLength(2);
      expect(all[0]!.id).toBeGreaterThan(all[1]!.id);
    });

    it("counts each event once per key, per article and kind", async () => {
      const a = await kb.create(pt("Prazo de entrega", "Dez dias."), "PUBLISHED", "ana", at(10));
      // Its own article without events, so the case holds run alone (-t) as well.
      await kb.create(pt("Troca de senha", "Pelo portal."), "PUBLISHED", "ana", at(10));
      await kb.record([
        { kind: "SHOWN", articleId: a.id, key: "m1:SHOWN", at: at(11) },
        { kind: "SHOWN", articleId: a.id, key: "m1:SHOWN", at: at(11) },
        { kind: "SHOWN", articleId: a.id, key: "m2:SHOWN", at: at(12) },
        { kind: "OPENED", articleId: a.id, key: "m3:OPENED", at: at(13) },
        { kind: "DEFLECTED", articleId: a.id, key: "m4:DEFLECTED", at: at(14) },
        { kind: "TICKET_AFTER", articleId: a.id, key: "m5:TICKET_AFTER", at: at(15) },
      ]);
      await kb.record([{ kind: "SHOWN", articleId: a.id, key: "m2:SHOWN", at: at(16) }]);
      const figures = (await kb.figures()).find((f) => f.articleId === a.id);
      expect(figures).toEqual({
        articleId: a.id,
        title: "Prazo de entrega",
        lang: "pt-BR",
        status: "PUBLISHED",
        shown: 2,
        opened: 1,
        deflected: 1,
        ticketsAfter: 1,
      });
      const untouched = (await kb.figures()).find((f) => f.title === "Troca de senha");
      expect(untouched).toMatchObject({ shown: 0, opened: 0, deflected: 0, ticketsAfter: 0 });
    });
  });
};
