import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import {
  createFakeWebClients,
  type FakeWebClients,
  type PhoneMessage,
} from "../../testkit/fake-whatsapp-web-client.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { tinyPdf, tinyPng } from "../files/support/samples.js";
import { agent } from "../support/core-harness.js";
import { once } from "../support/once.js";
import {
  createThrowawayDatabase,
  describeWith,
  redisUrl,
  type ThrowawayDatabase,
  uniquePrefix,
} from "../support/pg-database-for-service.js";
import { startWhatsAppService, type WhatsAppService } from "./support/service.js";

const ADMIN_TOKEN = "admin-token-0123456789";
const ANA = "5511987654321@c.us";

describeWith({ pg: true }, "WhatsApp Web channel, driven by a fake client", () => {
  let db: ThrowawayDatabase;
  let wa: WhatsAppService;
  let fakes: FakeWebClients;
  const shownQr: string[] = [];
  const prefix = uniquePrefix("whatsapp-web-e2e");
  let redis: Redis | null = null;
  /** What Ana's phone shows, one block per message: the transcript printed when a step fails. */
  const transcript: string[] = [];

  const screen = (m: PhoneMessage) =>
    m.text ?? `<file ${m.media?.fileName}${m.media?.caption ? `: ${m.media.caption}` : ""}>`;
  const toAna = () => fakes.phone().filter((m) => m.chatId === ANA);
  const readiness = () => wa.module.readiness[0]!.check();

  /** Ana sends something and waits for an answer containing `expected`; returns what she got. */
  const ana = async (
    body: string,
    expected: string,
    extra: Parameters<FakeWebClients["receive"]>[0] | null = null,
  ) => {
    const before = toAna().length;
    transcript.push(`ana> ${extra?.media ? `<file ${extra.media.fileName}> ` : ""}${body}`);
    fakes.receive({ chatId: ANA, body, senderName: "Ana", ...(extra ?? {}) });
    const got = () =>
      toAna()
        .slice(before)
        .map((m) => `bot: ${screen(m)}`);
    await waitFor(
      () =>
        toAna()
          .slice(before)
          .some((m) => screen(m).includes(expected)),
      `an answer with "${expected}"`,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}\n--- conversation so far ---\n${[...transcript, ...got()].join("\n")}`,
      );
    });
    transcript.push(...got());
    return toAna().slice(before).map(screen).join("\n");
  };

  const api = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${wa.service.url}${path}`, { headers });

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    const url = redisUrl();
    redis = url ? new Redis(url) : null;
    fakes = createFakeWebClients();
    wa = await startWhatsAppService(
      {
        DATABASE_URL: db.url,
        // With Redis the session lease, the conversation sessions and the dedupe window live there.
        REDIS_URL: redisUrl(),
        REDIS_KEY_PREFIX: prefix,
        WHATSAPP_TRANSPORT: "web",
        WHATSAPP_ADMIN_TOKEN: ADMIN_TOKEN,
        DEFAULT_LANGUAGE: "pt-BR",
      },
      { webClient: fakes.factory, reconnectDelayMs: 50, showQr: (qr) => shownQr.push(qr) },
    );
  });
  afterAll(async () => {
    await wa?.stop();
    await db?.drop();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  /**
   * One story told in steps: each test runs its step once, after the steps before it (run here if
   * they have not run yet), so it passes alone, in file order or shuffled.
   */
  const linked = once(async () => {
    // The lease that keeps other instances off the phone.
    if (redis) expect(await redis.get(`${prefix}whatsapp-web:session`)).toBeTruthy();
    await waitFor(() => shownQr.length > 0, "a QR code");
    expect(fakes.current().initialized).toBe(true);
    await expect(readiness()).rejects.toThrow("whatsapp web is qr");

    expect((await api("/whatsapp/qr")).status).toBe(401);
    expect((await api("/whatsapp/qr", { authorization: "Bearer wrong-token-0000000000" })).status).toBe(401);
    const linking = await api("/whatsapp/qr", {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      accept: "application/json",
    });
    expect(await linking.json()).toMatchObject({ state: "qr", qr: shownQr.at(-1) });
    const page = await (await api(`/whatsapp/qr?token=${ADMIN_TOKEN}`)).text();
    expect(page).toContain("<pre");

    fakes.link();
    await waitFor(
      async () =>
        readiness().then(
          () => true,
          () => false,
        ),
      "ready",
    );
    const linked = await api("/whatsapp/qr", {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      accept: "application/json",
    });
    expect(await linked.json()).toMatchObject({ state: "ready", qr: null });
  });
  it("shows the QR on first link, in the terminal and on the admin route, and is ready once linked", () =>
    linked());

  const ticketTaken = once(async () => {
    await linked();
    const menu = await ana("oi", "Abrir chamado");
    expect(menu).toContain("Olá, Ana! Como posso ajudar?\n1. Abrir chamado\n2. Meus chamados");

    await ana("1", "Qual é o assunto do chamado?");
    const departments = await ana("Nota fiscal rejeitada", "Para qual departamento?");
    expect(departments).toContain("1. Técnico\n2. Comercial\n3. Geral");
    await ana("7", "Não reconheci essa opção");
    await ana("1", "Qual é a prioridade?");
    await ana("Alta", "Qual é o tipo do chamado?");
    await ana("1", "Descreva o problema");
    await ana("A Sefaz rejeita a nota 1234.", "Quer anexar arquivos?");
    const png = tinyPng();
    await ana("print da tela", "tela.png", {
      chatId: ANA,
      type: "image",
      media: {
        mimeType: "image/png",
        fileName: "tela.png",
        declaredSize: png.byteLength,
        download: async () => new Uint8Array(png),
      },
    });
    const summary = await ana("1", "Confira seu chamado:");
    expect(summary).toContain("Assunto: Nota fiscal rejeitada");
    expect(summary).toContain("Prioridade: Alta");
    await ana("1", "Chamado TKT-000001 aberto!");

    const ticket = await db.db.prisma.ticket.findUniqueOrThrow({
      where: { number: 1 },
      include: { attachments: true, requester: true },
    });
    expect(ticket).toMatchObject({ subject: "Nota fiscal rejeitada", priority: "HIGH", channel: "WHATSAPP" });
    expect(ticket.requester.platformUserId).toBe("5511987654321");
    expect(ticket.attachments.map((a) => a.fileName)).toEqual(["tela.png"]);
  });
  it("takes a whole ticket with numbered answers, right and wrong, and an image", () => ticketTaken());

  const duplicateAnsweredOnce = once(async () => {
    await ticketTaken();
    const before = toAna().length;
    const help = fakes.receive({ chatId: ANA, body: "4", senderName: "Ana" });
    await waitFor(() => toAna().length > before, "the help text");
    const helpText = screen(toAna()[before]!);
    const answered = toAna().length;
    // Same message id again, then a new message: messages of a chat are handled in order.
    fakes.current().emit({ type: "message", message: help });
    await ana("oi", "Como posso ajudar?");
    expect(toAna().slice(answered).map(screen)).not.toContain(helpText);
  });
  it("answers a message WhatsApp Web hands over twice only once", () => duplicateAnsweredOnce());

  const replySent = once(async () => {
    await duplicateAnsweredOnce();
    const reply = await wa.service.core.service.reply(agent, formatTicketId(1), {
      message: "A nota foi reenviada, pode conferir?",
      attachments: [{ fileName: "nota.pdf", bytes: tinyPdf() }],
    });
    expect(reply.ok).toBe(true);
    await waitFor(() => toAna().some((m) => m.media?.fileName === "nota.pdf"), "the agent's file");
    const text = toAna().find((m) => m.text?.includes("A nota foi reenviada"));
    expect(text?.text).toContain("TKT-000001 — resposta de Ana Agent:");

    const item = await waitFor(
      async () =>
        (await db.db.prisma.outboxItem.count({ where: { kind: "agent_reply", state: "DELIVERED" } })) === 1,
      "the reply recorded as delivered",
    ).then(() => db.db.prisma.outboxItem.findFirstOrThrow({ where: { kind: "agent_reply" } }));
    const lastSent = toAna().at(-1)!;
    expect(item.platformMessageId).toBe(lastSent.id);
    for (const ack of [1, 3, 2, 1]) fakes.current().emit({ type: "ack", messageId: lastSent.id, ack });
    await waitFor(
      async () =>
        (await db.db.prisma.outboxItem.findUniqueOrThrow({ where: { id: item.id } })).receipt === "READ",
      "read",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await db.db.prisma.outboxItem.findUniqueOrThrow({ where: { id: item.id } })).receipt).toBe(
      "READ",
    );

    const solved = await wa.service.core.service.changeStatus(agent, formatTicketId(1), { status: "SOLVED" });
    expect(solved.ok).toBe(true);
    await waitFor(
      () => toAna().some((m) => m.text?.includes("TKT-000001 «Nota fiscal rejeitada»: Resolvido.")),
      "the status notice",
    );
    // The rating question follows, numbered like every prompt.
    await waitFor(
      () => toAna().some((m) => m.text?.includes("Como você avalia o atendimento do chamado TKT-000001")),
      "the rating question",
    );
    await ana("5", "Quer deixar um comentário");
    await ana("Pular", "Avaliação do chamado TKT-000001 registrada");
    expect((await db.db.prisma.ticket.findUniqueOrThrow({ where: { number: 1 } })).rating).toBe(5);
  });
  it("sends an agent's reply with its file and the status change, and records acks out of order as read", () =>
    replySent());

  const reconnected = once(async () => {
    await replySent();
    const first = fakes.current();
    first.emit({ type: "disconnected", reason: "NAVIGATION" });
    await expect(readiness()).rejects.toThrow(/whatsapp web is (disconnected|starting)/);

    const queued = await wa.service.core.service.reply(agent, formatTicketId(1), {
      message: "Conseguiu ver a nota?",
    });
    expect(queued.ok).toBe(true);
    await waitFor(() => fakes.clients().length === 2, "a new client");
    expect(first.destroyed).toBe(true);
    await waitFor(
      async () =>
        readiness().then(
          () => true,
          () => false,
        ),
      "ready again (the session was kept: no new QR)",
    );
    await waitFor(() => toAna().some((m) => m.text?.includes("Conseguiu ver a nota?")), "the queued reply");
    expect(toAna().find((m) => m.text?.includes("Conseguiu ver a nota?"))?.client).toBe(2);
    expect(shownQr).toHaveLength(1);

    const menu = await ana("oi", "Abrir chamado");
    expect(menu).toContain("1. Abrir chamado");
  });
  it("reconnects after a disconnection and delivers what was queued meanwhile", () => reconnected());
});
