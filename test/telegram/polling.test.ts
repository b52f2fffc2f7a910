import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../testkit/spawn-service.js";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const ana: Person = { userId: 1111, firstName: "Ana", languageCode: "pt-br", inGroup: false };

/** TELEGRAM_MODE=polling on the embedded database: how someone tries the bot out without a public URL. */
describe("Telegram long polling on the embedded database", () => {
  let t: TelegramTestService;
  const updates = createUpdates();
  beforeAll(async () => {
    t = await startTelegramService({ database: "embedded", env: { TELEGRAM_MODE: "polling" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const chat = () => t.api.messages(ana.userId);

  it("removes any webhook and answers updates taken with getUpdates, in the order they were sent", async () => {
    await waitFor(() => t.api.callsOf("getUpdates").length > 0, "polling to start");
    expect(t.api.callsOf("deleteWebhook")).toHaveLength(1);
    expect(t.api.callsOf("getUpdates")[0]!.params.allowed_updates).toEqual([
      "message",
      "callback_query",
      "my_chat_member",
    ]);

    // Two messages in one batch: the second must be read as the subject asked by the first.
    t.api.pushUpdate(updates.text(ana, "/new"));
    t.api.pushUpdate(updates.text(ana, "Boleto não chegou"));
    await waitFor(() => chat().length >= 2, "both answers");
    expect(chat().map((m) => m.text)).toEqual([
      "Qual é o assunto do chamado? (de 3 a 120 caracteres)",
      "Para qual departamento?",
    ]);

    t.api.pushUpdate(updates.callback(ana, chat()[1]!, "dep.sales"));
    await waitFor(() => chat().length >= 3, "the next question");
    expect(chat()[2]!.text).toBe("Qual é a prioridade?");
    // The tap is answered side by side with the next question, so it may reach Telegram just after it.
    await waitFor(() => t.api.callsOf("answerCallbackQuery").length > 0, "the tap answered");
    expect(t.api.callsOf("answerCallbackQuery")).toHaveLength(1);
  });

  it("has no webhook route in polling mode", async () => {
    const response = await t.post(updates.text(ana, "/start"));
    expect(response.status).toBe(404);
  });
});
