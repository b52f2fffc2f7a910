import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseWebhook } from "../../src/adapters/whatsapp/cloud/parse.js";
import { postWebhook } from "../../testkit/meta-webhooks.js";
import { once } from "../support/once.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { CLOUD, type CloudHarness, startCloudHarness } from "./support/cloud-harness.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/whatsapp", name), "utf8")) as unknown;

/** A person who adopted a username: Meta sends only their BSUID. */
const ELIS = { waId: "", name: "Elis", userId: "BR.1502576394655843" };
/** A person Meta sends with both, then (after adopting a username) with the BSUID alone. */
const FABIO = { waId: "5511966660002", name: "Fábio", userId: "BR.7700112233445566" };
const FABIO_HIDDEN = { waId: "", name: "Fábio", userId: FABIO.userId };

it("reads Meta's documented BSUID payloads: the BSUID keys a sender without a phone, the phone wins when both come", () => {
  const only = parseWebhook(fixture("text-message-bsuid.json"), "106540352242922");
  expect(only?.messages[0]).toMatchObject({
    from: "US.13491208655302741918",
    phone: null,
    userId: "US.13491208655302741918",
    name: "Sheena Nelson",
  });
  const both = parseWebhook(fixture("text-message-phone-and-bsuid.json"), "106540352242922");
  expect(both?.messages[0]).toMatchObject({
    from: "16505551234",
    phone: "16505551234",
    userId: "US.13491208655302741918",
  });
});

describeWith({ pg: true }, "WhatsApp Cloud API: people known by their business-scoped user id", () => {
  let h: CloudHarness;
  beforeAll(async () => {
    h = await startCloudHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Elis, known by her BSUID alone, opens the file's first ticket: what she was answered on the way. */
  const elisOpens = once(async () => {
    const menu = await h.say(ELIS, "oi");
    const menuSent = h.graph.messagesTo(ELIS.userId).at(-1)?.body;
    await h.tap(ELIS, "Abrir chamado");
    await h.say(ELIS, "Acesso bloqueado");
    await h.tap(ELIS, "Técnico");
    await h.tap(ELIS, "Alta");
    await h.tap(ELIS, "Suporte");
    await h.say(ELIS, "Meu acesso ao portal foi bloqueado.");
    await h.tap(ELIS, "Pular");
    return { menu, menuSent, confirmed: await h.tap(ELIS, "Confirmar") };
  });

  it("answers a BSUID-only person (no longer a silent 200), opens their ticket and sends an agent's reply to the BSUID", async () => {
    const { menu, menuSent, confirmed } = await elisOpens();
    expect(menu).toContain("Olá, Elis! Como posso ajudar?");
    expect(menuSent).toMatchObject({ recipient: ELIS.userId });
    expect(menuSent).not.toHaveProperty("to");

    expect(confirmed).toContain("Chamado TKT-000001 aberto!");
    const contact = await h.db.db.prisma.contact.findFirstOrThrow({ where: { platformUserId: ELIS.userId } });
    expect(contact).toMatchObject({ channel: "WHATSAPP", displayName: "Elis" });

    const service = h.wa.service.core.service;
    const agent = { kind: "agent" as const, id: "slack:UAGENT", name: "Carla" };
    const replied = await service.reply(agent, "TKT-000001", { message: "Desbloqueado, tente de novo." });
    expect(replied.ok).toBe(true);
    const deadline = Date.now() + 90_000;
    while (!h.graph.messagesTo(ELIS.userId).some((m) => JSON.stringify(m.body).includes("Desbloqueado"))) {
      if (Date.now() > deadline) throw new Error("the reply never reached the BSUID");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const reply = h.graph
      .messagesTo(ELIS.userId)
      .find((m) => JSON.stringify(m.body).includes("Desbloqueado"))!;
    expect(reply.body).toMatchObject({ recipient: ELIS.userId, messaging_product: "whatsapp" });
    expect(reply.body).not.toHaveProperty("to");
  });

  it("links the BSUID to the phone contact when both arrive, so the BSUID alone later is the same requester", async () => {
    // Elis's ticket, TKT-000001, is the other requester's that Fábio must not see; opened here when this test runs first.
    await elisOpens();
    await h.say(FABIO, "oi");
    await h.tap(FABIO, "Abrir chamado");
    await h.say(FABIO, "Nota fiscal");
    await h.tap(FABIO, "Comercial");
    await h.tap(FABIO, "Média");
    await h.tap(FABIO, "Suporte");
    await h.say(FABIO, "A nota não chegou.");
    await h.tap(FABIO, "Pular");
    expect(await h.tap(FABIO, "Confirmar")).toContain("Chamado TKT-000002 aberto!");
    // Answers still go to the phone number while Meta gives it.
    expect(h.graph.messagesTo(FABIO.waId).at(-1)?.body).toMatchObject({ to: FABIO.waId });

    const phone = await h.db.db.prisma.contact.findFirstOrThrow({ where: { platformUserId: FABIO.waId } });
    const linked = await h.db.db.prisma.contact.findFirstOrThrow({ where: { platformUserId: FABIO.userId } });
    expect(linked.personId).toBe(phone.personId);

    // Fábio adopts a username: the number no longer comes, his tickets still do.
    const detail = await h.say(FABIO_HIDDEN, "TKT-000002");
    expect(detail).toContain("TKT-000002 — Nota fiscal");
    expect(h.graph.messagesTo(FABIO.userId).at(-1)?.body).toMatchObject({ recipient: FABIO.userId });
    expect(await h.say(FABIO_HIDDEN, "TKT-000001")).toContain("Não encontrei o chamado TKT-000001.");
  });

  it("still drops, with a log line, a message that names neither a phone nor a BSUID", async () => {
    const { body } = h.hooks.text({ waId: "", name: "Nobody" }, h.clock.now(), "oi");
    const response = await postWebhook(h.wa.service.url, body, { appSecret: CLOUD.appSecret });
    expect(response.status).toBe(200);
  });
});
