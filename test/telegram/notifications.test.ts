import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summarize } from "../../src/core/outbox/drafts.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { botErrors, createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { jpegHeader, tinyPdf } from "../files/support/samples.js";
import { renderChat } from "./support/chat-view.js";
import { agentReply, setStatus, ticketFor } from "./support/requester.js";
import { startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const ana: Person = { userId: 1111, firstName: "Ana", languageCode: "pt-br", inGroup: false };

describe("Telegram notifications through the outbox", () => {
  let t: TelegramTestService;
  beforeEach(async () => {
    t = await startTelegramService();
  });
  afterEach(async () => {
    await t?.stop();
  });

  const chat = () => t.api.messages(ana.userId);
  const outboxStates = () => t.outboxStates();

  // Four notices to one chat are spaced a second apart by the rate limit: more time than the default.
  it("status changes, an agent's reply with its files and the rating question reach the person's chat", async () => {
    const { ref } = await ticketFor(t, ana);
    await setStatus(t, ref, "WAITING_ON_REQUESTER");
    await waitFor(() => chat().length >= 1, "the status change");
    expect(renderChat(chat())).toBe(
      `🔔 ${ref} «Nota fiscal rejeitada»: Aguardando sua resposta.\n[Ver chamado]`,
    );

    await agentReply(t, ref, "Reenvie a nota com o CFOP 5102, por favor.", [
      { fileName: "exemplo.jpg", bytes: jpegHeader() },
      { fileName: "manual.pdf", bytes: tinyPdf() },
    ]);
    await waitFor(() => chat().length >= 4, "the reply and its two files");
    expect(renderChat(chat().slice(1))).toBe(
      [
        `💬 ${ref} — resposta de Carla:`,
        "Reenvie a nota com o CFOP 5102, por favor.",
        "📎 2 arquivos anexados",
        "",
        `Para responder, envie ${ref} e escolha Responder.`,
        "[Responder] [Ver chamado]",
        "",
        "[photo exemplo.jpg]",
        "",
        "[document manual.pdf]",
      ].join("\n"),
    );
    expect(t.api.callsOf("sendPhoto")[0]!.files[0]!.bytes).toEqual(jpegHeader());
    expect(t.api.callsOf("sendDocument")[0]!.files[0]!.bytes).toEqual(tinyPdf());

    await setStatus(t, ref, "SOLVED");
    await waitFor(() => chat().length >= 6, "solved and the rating question");
    expect(renderChat(chat().slice(4))).toBe(
      [
        `🔔 ${ref} «Nota fiscal rejeitada»: Resolvido.`,
        "[Ver chamado]",
        "",
        `Como você avalia o atendimento do chamado ${ref} (Nota fiscal rejeitada)?`,
        "[1 - Péssimo] [2 - Ruim] [3 - Regular]",
        "[4 - Bom] [5 - Ótimo]",
      ].join("\n"),
    );

    // Tapping a score answers the engine's question, as any button does.
    const updates = createUpdates();
    const question = chat()[5]!;
    const great = question.keyboard!.flat().find((b) => b.text === "5 - Ótimo")!;
    expect((await t.post(updates.callback(ana, question, great.callback_data))).status).toBe(200);
    expect(chat().at(-1)!.text).toContain("comentário");
    await t.post(updates.text(ana, "pular"));
    expect(chat().at(-1)!.text).toContain(`Avaliação do chamado ${ref} registrada. Obrigado!`);
    const detail = await t.service.core.service.detail({ kind: "agent", id: "a", name: "A" }, ref);
    expect(detail.ok && detail.value.ticket.rating).toEqual({ score: 5, comment: null });
    // Seen in the chat is not yet recorded: the worker marks the question delivered after Telegram took it.
    await waitFor(
      async () => (await outboxStates()).includes("rating_request:DELIVERED"),
      "the rating question recorded as delivered",
    );
    expect(await outboxStates()).toEqual([
      "status_changed:DELIVERED",
      "agent_reply:DELIVERED",
      "status_changed:DELIVERED",
      "rating_request:DELIVERED",
    ]);
  }, 180_000);

  it("waits for retry_after after a 429, and a notice stopped half-way resumes without repeating its start", async () => {
    const { ref } = await ticketFor(t, ana);
    t.api.fault("sendMessage", botErrors.tooManyRequests!);
    t.api.fault("sendDocument", botErrors.tooManyRequests!);
    await agentReply(t, ref, "Segue o manual.", [{ fileName: "manual.pdf", bytes: tinyPdf() }]);
    await waitFor(
      async () => (await outboxStates()).includes("agent_reply:DELIVERED"),
      "the reply delivered",
    );

    const sends = t.api.calls().filter((c) => c.method === "sendMessage" || c.method === "sendDocument");
    expect(sends.map((c) => `${c.method}:${c.status}`)).toEqual([
      "sendMessage:429",
      "sendMessage:200",
      "sendDocument:429",
      "sendDocument:200",
    ]);
    // Never sooner than Telegram asked (retry_after is 1 second).
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(sends[3]!.at - sends[2]!.at).toBeGreaterThanOrEqual(1000);
    expect(chat().map((m) => m.kind)).toEqual(["text", "document"]);
  });

  it("marks the contact unreachable when the person blocked the bot, and tells the ticket; nothing is retried", async () => {
    const { ref, contact } = await ticketFor(t, ana);
    t.api.fault("sendMessage", botErrors.blocked!);
    await agentReply(t, ref, "Conseguiu reenviar?");
    await waitFor(async () => (await outboxStates()).includes("agent_reply:FAILED"), "the reply given up");

    expect(t.api.callsOf("sendMessage")).toHaveLength(1);
    const after = await t.service.core.directory.findContactById(contact.id);
    expect(after?.unreachable?.reason).toBe("403: Forbidden: bot was blocked by the user");
    const detail = await t.service.core.service.detail({ kind: "agent", id: "a", name: "A" }, ref);
    expect(detail.ok && detail.value.events.map((e) => e.kind)).toContain("DELIVERY_FAILED");
  });

  it("an answer in the dialogue refused with a 429 is queued, waits out retry_after, and arrives once", async () => {
    t.api.fault("sendMessage", botErrors.tooManyRequests!);
    const response = await t.post(createUpdates().text(ana, "/start"));
    expect(response.status).toBe(200);
    expect(await outboxStates()).toEqual(["dialogue_answer:PENDING"]);
    await waitFor(() => chat().length === 1, "the queued answer");
    expect(t.api.callsOf("sendMessage").map((c) => c.status)).toEqual([429, 200]);
    expect(chat()[0]!.text).toBe("Olá, Ana! Como posso ajudar?");
    await waitFor(async () => (await outboxStates()).includes("dialogue_answer:DELIVERED"), "recorded");
  });

  it("blocking and unblocking the bot in Telegram marks and clears the contact's unreachable flag", async () => {
    const { contact } = await ticketFor(t, ana);
    const updates = createUpdates();
    const blocked = updates.blocked(ana);
    expect((await t.post(blocked)).status).toBe(200);
    expect((await t.service.core.directory.findContactById(contact.id))?.unreachable?.reason).toBe(
      "the person blocked the bot",
    );

    const back = updates.blocked(ana);
    (back.my_chat_member as { new_chat_member: { status: string } }).new_chat_member.status = "member";
    expect((await t.post(back)).status).toBe(200);
    expect((await t.service.core.directory.findContactById(contact.id))?.unreachable).toBeNull();
  });

  it("delivers the auto-close reminder and the ended-conversation notice", async () => {
    const { ref, ticket, contact } = await ticketFor(t, ana);
    const base = {
      ticket: summarize(ticket),
      actorName: "Sistema",
      at: new Date().toISOString(),
      audience: "requester",
      contactId: contact.id,
    };
    await t.service.core.storage.outboxWriter.enqueue([
      {
        key: `${ticket.id}:reminder`,
        channel: "TELEGRAM",
        kind: "auto_close_reminder",
        ticketId: ticket.id,
        scope: `contact:${contact.id}`,
        payload: { ...base, kind: "auto_close_reminder", closesAt: "2026-03-09T15:00:00.000Z" },
        availableAt: new Date(),
      },
      {
        key: "conversation.expired:flow-1:1",
        channel: "TELEGRAM",
        kind: "conversation.expired",
        ticketId: null,
        scope: `contact:${contact.id}`,
        payload: {
          kind: "conversation.expired",
          contactId: contact.id,
          lang: "pt-BR",
          text: "Nossa conversa ficou parada e foi encerrada.",
        },
        availableAt: new Date(),
      },
    ]);
    t.service.worker.wake();
    await waitFor(() => chat().length >= 2, "both notices");
    expect(renderChat(chat())).toBe(
      [
        `⏳ ${ref} «Nota fiscal rejeitada» está aguardando sua resposta. Sem resposta, ele será encerrado em 09/03/2026 12:00.`,
        "[Responder] [Ver chamado]",
        "",
        "Nossa conversa ficou parada e foi encerrada.",
      ].join("\n"),
    );
  });
});
