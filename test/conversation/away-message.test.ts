import { beforeEach, describe, expect, it } from "vitest";
import { businessCalendars, businessHoursInput } from "../../src/core/hours/calendar.js";
import { conversationCatalogues } from "../../src/core/i18n/index.js";
import { confirmMessage, say, ticketCount, toSummary } from "./support/drive.js";
import { buildEngine, type Harness } from "./support/engine-harness.js";
import { replyText } from "./support/transcript.js";

const week = {
  mon: ["08:00-18:00"],
  tue: ["08:00-18:00"],
  wed: ["08:00-18:00"],
  thu: ["08:00-18:00"],
  fri: ["08:00-18:00"],
};
const hours = businessCalendars(
  businessHoursInput.parse({ default: { timeZone: "America/Sao_Paulo", week, holidays: ["2026-03-09"] } }),
).of(null);
/** Saturday 7 March 2026, 12:00 in São Paulo; Monday the 9th is a day off, so support is back Tuesday 08:00. */
const SATURDAY_NOON = new Date("2026-03-07T15:00:00Z");
const BACK = new Date("2026-03-10T11:00:00Z");

describe("the away message outside business hours", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await buildEngine({ awayHours: hours });
    h.clock.set(SATURDAY_NOON);
  });

  it("comes once per conversation, in the contact's language, with the next opening; the ticket is still opened", async () => {
    const ana = { id: "ana-away", name: "Ana" };
    const back = conversationCatalogues["pt-BR"].dateTime(BACK, "America/Sao_Paulo");
    const first = await h.engine.handle(h.message(ana, { kind: "text", text: "oi" }));
    expect(first.prompts[0]).toEqual({
      kind: "text",
      text: `Nosso atendimento está fora do horário agora e volta ${back}. Você pode abrir ou acompanhar um chamado por aqui mesmo; respondemos assim que voltarmos.`,
    });
    expect(first.prompts.length).toBeGreaterThan(1);
    await toSummary(h, ana);
    const confirmed = await h.engine.handle(confirmMessage(h, ana));
    const said = [first, confirmed].map(replyText).join("\n");
    expect(said.match(/fora do horário/g)).toHaveLength(1);
    expect(replyText(confirmed)).not.toContain("fora do horário");
    expect(await ticketCount(h)).toBe(1);
    // The conversation ended with the ticket: the next one hears it again, once.
    const again = await say(h, ana, "oi de novo");
    expect(replyText(again)).toContain("fora do horário");
    expect(replyText(await say(h, ana, "menu"))).not.toContain("fora do horário");

    const bob = { id: "bob-away", name: "Bob", locale: "en-US" };
    const english = await h.engine.handle(h.message(bob, { kind: "text", text: "hello" }));
    expect(replyText(english)).toContain(
      `Our support team is out of office right now and will be back ${conversationCatalogues.en.dateTime(BACK, "America/Sao_Paulo")}.`,
    );
  });

  it("says nothing during business hours", async () => {
    h.clock.set(new Date("2026-03-10T13:00:00Z"));
    const reply = await h.engine.handle(h.message({ id: "cid-open" }, { kind: "text", text: "oi" }));
    expect(replyText(reply)).not.toContain("fora do horário");
  });
});
