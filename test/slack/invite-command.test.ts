import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import {
  AGENT,
  AGENT_2,
  eventually,
  REQUESTER,
  type SlackTestService,
  startSlackService,
  TELEGRAM_SECRET,
} from "./support/slack-service.js";

const rita: Person = { userId: 8101, firstName: "Rita", languageCode: "en", inGroup: false };

describe("Slack: /ticket invite", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService({ ACCESS_POLICY: "registered" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const answer = async (user: string, text: string, id: string) => {
    expect((await t.command(user, text, id)).status).toBe(200);
    await eventually(() => t.slack.responses(id).length > 0, `the answer to /ticket ${text}`);
    return String(t.slack.responses(id)[0]!.body.text);
  };
  const telegram = (update: unknown) =>
    fetch(`${t.service.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
      body: JSON.stringify(update),
    });

  it("gives an agent a one-time Telegram link that activates the person in the organization", async () => {
    const text = await answer(AGENT, "invite telegram acme Rita Lima", "inv-1");
    const link = /https:\/\/t\.me\/\S+/.exec(text)?.[0];
    expect(text).toMatch(
      /^Invitation for Rita Lima: send them this link; opening it in Telegram activates them\.\n/,
    );
    expect(text).toMatch(/\nIt works once, until \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/);
    expect(link).toMatch(/^https:\/\/t\.me\/chamado_test_bot\?start=CHD-[A-Z2-9]{10}$/);

    expect(
      (await telegram(createUpdates().text(rita, `/start ${new URL(link!).searchParams.get("start")}`)))
        .status,
    ).toBe(200);
    await eventually(() => t.telegram.messages(rita.userId).length > 0, "the welcome");
    expect(t.telegram.messages(rita.userId)[0]!.text).toBe(
      'Welcome, Rita Lima! Your access for acme is active. Send "menu" to open or follow a ticket.',
    );
    const contact = await t.service.core.directory.findContact("TELEGRAM", String(rita.userId));
    expect(contact?.person.registered).toBe(true);
  });

  it("refuses people who are not agents, explains the usage, and names the channels that run", async () => {
    expect(await answer(REQUESTER, "invite telegram acme Someone", "inv-2")).toBe(
      "Only agents (members of the agents' channel) can invite contacts.",
    );
    expect(await answer(AGENT, "invite telegram", "inv-3")).toContain(
      "Usage: `/ticket invite telegram|whatsapp",
    );
    const whatsapp = await answer(AGENT, "convidar whatsapp acme Rita", "inv-4");
    expect(whatsapp).toContain("telegram");
  });

  it("/ticket help names invite beside search, numbers, contact and web, in the person's language", async () => {
    const en = await answer(REQUESTER, "help", "help-en");
    for (const line of [
      "*/ticket search words*",
      "*/ticket numbers*",
      "*/ticket contact TKT-000123*",
      "*/ticket web*",
      "*/ticket invite telegram|whatsapp organization-key Full name* — invite a contact with a one-time link or code (agents)",
    ])
      expect(en).toContain(line);
    const pt = await answer(AGENT_2, "ajuda", "help-pt");
    for (const line of [
      "*/ticket pesquisar palavras*",
      "*/ticket números*",
      "*/ticket contato TKT-000123*",
      "*/ticket web*",
      "*/ticket convidar telegram|whatsapp chave-da-organização Nome completo* — convidar um contato com um link ou código de uso único (agentes)",
    ])
      expect(pt).toContain(line);
  });
});
