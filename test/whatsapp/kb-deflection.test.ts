import { afterAll, beforeAll, expect, it } from "vitest";
import { seedArticles } from "../knowledge/articles.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { type CloudHarness, startCloudHarness } from "./support/cloud-harness.js";

const BRUNO = { waId: "5511912345678", name: "Bruno" };
const CARLA = { waId: "5521998765432", name: "Carla" };

describeWith({ pg: true }, "WhatsApp suppliers helped by the knowledge base (Cloud API)", () => {
  let h: CloudHarness;

  beforeAll(async () => {
    h = await startCloudHarness();
    await seedArticles(h.wa.service.core.storage.knowledge);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("pt-BR: the article suggested after the subject solves it, and no ticket is opened", async () => {
    await h.say(BRUNO, "olá");
    expect(await h.tap(BRUNO, "Abrir chamado")).toContain("Qual é o assunto do chamado?");
    const suggested = await h.say(BRUNO, "Preciso da segunda via do boleto");
    expect(suggested, h.transcript.join("\n")).toContain("Antes de continuar, veja se isto responde");
    // Titles longer than a list row take the numbered text form: the supplier types the number.
    expect(suggested).toContain("1. Como emitir a segunda via do boleto — Artigo");
    const article = await h.say(BRUNO, "1");
    expect(article).toContain("Entre no portal do fornecedor (https://portal.example.com).");
    expect(article).toContain("Isto resolveu sua dúvida?\n[Isto resolveu] [Preciso de ajuda]");
    expect(await h.tap(BRUNO, "Isto resolveu")).toContain("Que bom que resolveu! Nenhum chamado foi aberto.");
    expect(await h.db.db.prisma.ticket.count()).toBe(0);
  });

  it("English: 'search help' finds the article and 'This solved it' closes the question", async () => {
    // Counted from here: the pt-BR case above adds its own (and is not there when run alone, -t).
    const before = (await h.wa.service.core.knowledge.figures()).totals;
    await h.say(CARLA, "hi");
    await h.say(CARLA, "language en");
    const found = await h.say(CARLA, "search help payment slip");
    expect(found, h.transcript.join("\n")).toContain('Here is what I found for "payment slip":');
    expect(found).toContain("1. How to get a copy of your payment slip — Article");
    const article = await h.say(CARLA, "1");
    expect(article).toContain("Open Finance > Payment slips.");
    expect(await h.tap(CARLA, "This solved it")).toContain("Glad it is solved! No ticket was opened.");
    expect(await h.db.db.prisma.ticket.count()).toBe(0);
    const figures = await h.wa.service.core.knowledge.figures();
    expect(figures.totals).toMatchObject({ deflected: before.deflected + 1, ticketsAfter: 0 });
    expect(figures.totals.opened).toBe(before.opened + 1);
  });
});
