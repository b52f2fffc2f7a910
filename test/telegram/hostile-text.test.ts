import { afterAll, beforeAll, expect, it } from "vitest";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const erin: Person = { userId: 5555, firstName: "Erin\u0000\uD800", languageCode: "en", inGroup: false };

describeWith({ pg: true }, "Telegram: unstorable characters in a supplier's answers", () => {
  let t: TelegramTestService;
  const updates = createUpdates(910_000_001);
  beforeAll(async () => {
    t = await startTelegramService({ database: "postgres" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Sends one text and returns what the bot answered to it. */
  const say = async (text: string): Promise<string[]> => {
    const before = t.api.messages(erin.userId).length;
    const response = await t.post(updates.text(erin, text));
    expect(response.status).toBe(200);
    return t.api
      .messages(erin.userId)
      .slice(before)
      .map((m) => m.text);
  };

  it("asks again with the reason for a NUL or a lone surrogate, then opens the ticket with the clean subject", async () => {
    expect((await say("/new")).join("\n")).toContain("subject");
    const nul = await say("Boleto\u0000 vencido");
    expect(nul.join("\n")).toContain("Subject: remove the invisible control character (U+0000)");
    expect(nul.join("\n")).toContain("What is the ticket's subject?");
    const half = await say("Boleto \uD83D vencido");
    expect(half.join("\n")).toContain("Subject: holds a broken character");
    expect(half.join("\n")).toContain("What is the ticket's subject?");

    await say("Boleto vencido");
    await say("technical");
    await say("high");
    await say("incident");
    const message = await say("Linha 1\u0007 com sino");
    expect(message.join("\n")).toContain("Message: remove the invisible control character (U+0007)");
    await say("O boleto venceu ontem.");
    await say("skip");
    const done = await say("confirm");
    expect(done.join("\n")).toContain("TKT-");
    expect(done.join("\n")).not.toContain("went wrong");

    const page = await t.service.core.tickets.list({ limit: 10 });
    expect(page.items.map((ticket) => ticket.subject)).toEqual(["Boleto vencido"]);
    const metrics = await t.service.metrics.registry.getSingleMetricAsString("chamado_input_refused_total");
    expect(metrics).toContain('chamado_input_refused_total{door="telegram",reason="CONTROL_CHARACTER"} 2');
    expect(metrics).toContain('chamado_input_refused_total{door="telegram",reason="INVALID_UNICODE"} 1');
    // The profile name could not be asked for again: it is stored cleaned instead of failing every message.
    expect(page.items[0]?.requester.displayName).toBe("Erin \uFFFD");
  });

  it("sends markup-looking text verbatim: no parse mode, so nothing in it becomes a link or formatting", async () => {
    const subject = "<b>Boleto</b> *pago* [aqui](tg://user?id=1) <a href='https://x.example'>x</a>";
    const before = t.api.callsOf("sendMessage").length;
    await say("/new");
    const asked = await say(subject);
    await say("cancel");
    expect(asked.join("\n")).toContain("Which department?");
    // Every message sent so far is checked; this test's own three are there whatever ran before (-t).
    const sent = t.api.callsOf("sendMessage");
    expect(sent.length - before).toBeGreaterThanOrEqual(3);
    for (const call of sent) {
      expect(call.params).not.toHaveProperty("parse_mode");
      expect(call.params).not.toHaveProperty("entities");
      expect(call.params).toMatchObject({ link_preview_options: { is_disabled: true } });
    }
  });
});
