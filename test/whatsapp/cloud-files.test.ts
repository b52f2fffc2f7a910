import { afterAll, beforeAll, expect, it } from "vitest";
import { tinyPdf, tinyPng } from "../files/support/samples.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { type CloudHarness, startCloudHarness } from "./support/cloud-harness.js";

const DORA = { waId: "5511955550001", name: "Dora" };

const until = async (what: string, check: () => boolean) => {
  // Generous: a passing wait costs nothing, and a busy two-core machine must not fail it.
  const deadline = Date.now() + 90_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describeWith({ pg: true }, "WhatsApp Cloud API: a supplier gets a ticket's file back", () => {
  let h: CloudHarness;
  beforeAll(async () => {
    h = await startCloudHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lists the ticket's files and sends the one picked as an uploaded document, a photo included", async () => {
    await h.say(DORA, "oi");
    await h.tap(DORA, "Abrir chamado");
    await h.say(DORA, "Nota duplicada");
    await h.tap(DORA, "Comercial");
    await h.tap(DORA, "Média");
    await h.tap(DORA, "Suporte");
    await h.say(DORA, "A nota 77 saiu duas vezes.");
    h.graph.addInboundMedia("media-png-77", tinyPng(), "image/png");
    await h.exchange(
      DORA,
      "<photo>",
      h.hooks.image(DORA, h.clock.now(), { id: "media-png-77", mime_type: "image/png" }),
    );
    h.graph.addInboundMedia("media-pdf-77", tinyPdf(), "application/pdf");
    const pdf = h.hooks.document(DORA, h.clock.now(), {
      id: "media-pdf-77",
      mime_type: "application/pdf",
      filename: "nota-77.pdf",
    });
    await h.exchange(DORA, "<nota-77.pdf>", pdf);
    await h.tap(DORA, "Concluir");
    expect(await h.tap(DORA, "Confirmar")).toContain("Chamado TKT-000001 aberto!");

    const detail = await h.say(DORA, "TKT-000001");
    expect(detail).toContain("Receber um arquivo");
    const list = await h.say(DORA, "receber um arquivo");
    expect(list).toContain("Qual arquivo você quer receber?");
    expect(list).toContain("nota-77.pdf (125 B)");
    const uploadsBefore = h.graph.uploads().length;
    expect(await h.say(DORA, "2")).toContain("Enviando nota-77.pdf…");
    await until("the document", () => h.graph.messagesTo(DORA.waId).some((m) => m.type === "document"));
    const upload = h.graph.uploads().at(-1)!;
    expect(h.graph.uploads().length).toBe(uploadsBefore + 1);
    expect(upload).toMatchObject({ fileName: "nota-77.pdf", mimeType: "application/pdf" });
    expect(Buffer.from(upload.bytes).equals(Buffer.from(tinyPdf()))).toBe(true);
    const sent = h.graph.messagesTo(DORA.waId).findLast((m) => m.type === "document")!;
    expect(sent.body).toMatchObject({ document: { id: upload.id, filename: "nota-77.pdf" } });

    await h.say(DORA, "TKT-000001");
    await h.say(DORA, "receber um arquivo");
    expect(await h.say(DORA, "1")).toContain("Enviando image-");
    await until(
      "the photo as a document",
      () => h.graph.messagesTo(DORA.waId).filter((m) => m.type === "document").length === 2,
    );
    expect(h.graph.messagesTo(DORA.waId).some((m) => m.type === "image")).toBe(false);
  });
});
