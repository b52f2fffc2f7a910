import { afterAll, beforeAll, expect, it } from "vitest";
import { postWebhook } from "../../testkit/meta-webhooks.js";
import { tinyPdf, tinyPng } from "../files/support/samples.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { CLOUD, type CloudHarness, startCloudHarness } from "./support/cloud-harness.js";
import { HOUR } from "./support/offset-clock.js";

const BRUNO = { waId: "5511912345678", name: "Bruno" };
const CARLA = { waId: "5521998765432", name: "Carla" };

describeWith({ pg: true }, "WhatsApp Cloud API channel: webhooks and the dialogue", () => {
  let h: CloudHarness;

  beforeAll(async () => {
    h = await startCloudHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers Meta's verification handshake only with the right token", async () => {
    const verify = (query: string) => fetch(`${h.wa.service.url}/whatsapp/webhook?${query}`);
    const ok = await verify(
      `hub.mode=subscribe&hub.verify_token=${CLOUD.verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect(
      (await verify("hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444")).status,
    ).toBe(403);
    expect(
      (await verify(`hub.mode=unsubscribe&hub.verify_token=${CLOUD.verifyToken}&hub.challenge=1`)).status,
    ).toBe(403);
    expect((await verify("")).status).toBe(403);
  });

  it("refuses a forged, missing or stale signature and stores nothing", async () => {
    const { body } = h.hooks.text(BRUNO, h.clock.now(), "olá");
    const forged = await postWebhook(h.wa.service.url, body, { appSecret: "not-the-app-secret" });
    expect(forged.status).toBe(401);
    expect((await postWebhook(h.wa.service.url, body, { signature: null })).status).toBe(401);
    expect((await postWebhook(h.wa.service.url, body, { signature: "sha256=zz" })).status).toBe(401);
    // Signed, then altered: the signature covers the exact bytes.
    const raw = JSON.stringify(body);
    const { signatureOf } = await import("../../src/adapters/whatsapp/cloud/signature.js");
    const tampered = await fetch(`${h.wa.service.url}/whatsapp/webhook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signatureOf(Buffer.from(raw), CLOUD.appSecret),
      },
      body: raw.replace("olá", "oi!"),
    });
    expect(tampered.status).toBe(401);
    expect(await h.db.db.prisma.contact.count()).toBe(0);
    expect(h.graph.messages()).toHaveLength(0);
  });

  it("takes a whole ticket through lists and buttons, with a photo and a document", async () => {
    const menu = await h.say(BRUNO, "olá");
    expect(menu).toBe(
      "Olá, Bruno! Como posso ajudar?\n[Ver opções]\n  • Abrir chamado\n  • Meus chamados\n  • Idioma / Language\n  • Ajuda",
    );
    expect(await h.tap(BRUNO, "Abrir chamado")).toContain("Qual é o assunto do chamado?");
    expect(await h.say(BRUNO, "Boleto não registrado")).toBe(
      "Para qual departamento?\n[Técnico] [Comercial] [Geral]",
    );
    expect(await h.tap(BRUNO, "Comercial")).toBe("Qual é a prioridade?\n[Baixa] [Média] [Alta]");
    expect(await h.tap(BRUNO, "Alta")).toContain(
      "Qual é o tipo do chamado?\n[Ver opções]\n  • Suporte\n  • Incidente",
    );
    expect(await h.tap(BRUNO, "Incidente")).toContain("Descreva o problema");
    expect(await h.say(BRUNO, "O boleto 987 não aparece no banco.")).toContain("Quer anexar arquivos?");

    h.graph.addInboundMedia("media-photo-1", tinyPng(), "image/png");
    const photo = h.hooks.image(BRUNO, h.clock.now(), {
      id: "media-photo-1",
      mime_type: "image/png",
      caption: "tela do banco",
    });
    expect(await h.exchange(BRUNO, "<photo> tela do banco", photo)).toContain("Arquivo recebido: image-");
    h.graph.addInboundMedia("media-doc-1", tinyPdf(), "application/pdf");
    const pdf = h.hooks.document(BRUNO, h.clock.now(), {
      id: "media-doc-1",
      mime_type: "application/pdf",
      filename: "boleto-987.pdf",
    });
    const received = await h.exchange(BRUNO, "<boleto-987.pdf>", pdf);
    expect(received).toContain("Arquivo recebido: boleto-987.pdf.");
    expect(received).toContain("[Concluir]");

    const summary = await h.tap(BRUNO, "Concluir");
    expect(summary).toContain(
      "Confira seu chamado:\nAssunto: Boleto não registrado\nDepartamento: Comercial\nPrioridade: Alta\nTipo: Incidente",
    );
    expect(summary).toContain("[Confirmar] [Editar um campo] [Cancelar]");
    expect(await h.tap(BRUNO, "Confirmar")).toContain("Chamado TKT-000001 aberto!");

    const ticket = await h.db.db.prisma.ticket.findUniqueOrThrow({
      where: { number: 1 },
      include: { attachments: true, requester: true },
    });
    expect(ticket).toMatchObject({
      subject: "Boleto não registrado",
      department: "sales",
      priority: "HIGH",
      type: "incident",
      channel: "WHATSAPP",
    });
    expect(ticket.requester).toMatchObject({ platformUserId: BRUNO.waId, displayName: "Bruno" });
    expect(ticket.attachments.map((a) => a.contentType).sort()).toEqual(["application/pdf", "image/png"]);
    expect([...h.graph.downloads()].sort()).toEqual(["media-doc-1", "media-photo-1"]);
    expect(ticket.requester.lastInboundAt).not.toBeNull();
  });

  it("refuses files by their metadata before downloading them", async () => {
    h.graph.addInboundMedia("media-huge", tinyPng(), "image/png", 20 * 1024 * 1024);
    const huge = h.hooks.image(BRUNO, h.clock.now(), { id: "media-huge", mime_type: "image/png" });
    expect(await h.exchange(BRUNO, "<20 MB photo>", huge)).toMatch(
      /^O arquivo image-.+\.png passa do limite de 10 MB\.$/,
    );
    const voice = h.hooks.document(BRUNO, h.clock.now(), {
      id: "media-voice",
      mime_type: "audio/ogg",
      filename: "audio.ogg",
    });
    expect(await h.exchange(BRUNO, "<audio.ogg>", voice)).toContain(
      "O arquivo audio.ogg não é de um tipo aceito",
    );
    expect(h.graph.downloads()).not.toContain("media-huge");
    expect(h.graph.downloads()).not.toContain("media-voice");
    expect(await h.exchange(BRUNO, "<location>", h.hooks.location(BRUNO, h.clock.now()))).toContain(
      "Por aqui eu entendo textos, imagens e documentos.",
    );
  });

  it("opens one ticket when Meta delivers the same message three times, even days apart", async () => {
    await h.say(CARLA, "oi");
    await h.tap(CARLA, "Abrir chamado");
    await h.say(CARLA, "Pedido 55 atrasado");
    await h.tap(CARLA, "Geral");
    await h.tap(CARLA, "Baixa");
    await h.tap(CARLA, "Suporte");
    await h.say(CARLA, "O pedido 55 não chegou.");
    await h.tap(CARLA, "Pular");
    const confirm = h.hooks.buttonReply(CARLA, h.clock.now(), { id: "sum.confirm", title: "Confirmar" });
    const before = h.graph.messagesTo(CARLA.waId).length;

    await Promise.all([h.post(confirm.body), h.post(confirm.body), h.post(confirm.body)]);
    const answers = h.graph.messagesTo(CARLA.waId).slice(before);
    expect(answers.filter((m) => JSON.stringify(m.body).includes("aberto!"))).toHaveLength(1);
    expect(await h.db.db.prisma.ticket.count({ where: { requester: { platformUserId: CARLA.waId } } })).toBe(
      1,
    );

    // Meta keeps retrying for days, past the conversation engine's own short memory of message ids.
    h.clock.advance(3 * HOUR);
    const sent = h.graph.messagesTo(CARLA.waId).length;
    await h.post(confirm.body);
    expect(h.graph.messagesTo(CARLA.waId)).toHaveLength(sent);
    expect(await h.db.db.prisma.ticket.count({ where: { requester: { platformUserId: CARLA.waId } } })).toBe(
      1,
    );
  });
});
