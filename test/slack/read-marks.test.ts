import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { openTicketOnTelegram } from "./support/supplier.js";

describe("read marks: Slack agents, Telegram suppliers", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const openOnTelegram = (userId: number, languageCode: "en" | "pt-BR") =>
    openTicketOnTelegram(t, userId, languageCode);

  it("an agent pressing a root button marks it read; the supplier sees when (English)", async () => {
    const { supplier, ticket } = await openOnTelegram(700_001, "en");
    await supplier.say(`TKT-00000${ticket.number}`);
    expect(supplier.chat().at(-1)).toContain("Read by support: no");
    const press = await t.interact(
      payloads.action({
        user: AGENT,
        actionId: "ticket_assign_me",
        value: String(ticket.number),
        responseUrl: t.slack.responseUrl("assign"),
      }),
    );
    expect(press.status).toBe(200);
    await eventually(async () => (await t.ticket(ticket.number)).agentReadAt !== null, "the read mark");
    const events = await t.service.core.tickets.events(ticket.id);
    expect(events.find((e) => e.kind === "AGENT_READ")?.actor).toMatchObject({
      kind: "AGENT",
      name: "Carla",
    });
    await supplier.say(`TKT-00000${ticket.number}`);
    expect(supplier.chat().at(-1)).toMatch(/Read by support: yes, \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(supplier.chat().at(-1)).not.toContain("AGENT_READ");
  });

  it("an agent's reply in the thread marks it read; the supplier sees when (pt-BR)", async () => {
    const { supplier, ticket } = await openOnTelegram(700_002, "pt-BR");
    const root = (await t.link(ticket.number, "agents"))!;
    const message = t.slack.userPosts(AGENTS, AGENT, "note: checking the certificate", root.ts);
    await t.event(
      payloads.threadMessage({
        channel: AGENTS,
        user: AGENT,
        text: message.text,
        ts: message.ts,
        threadTs: root.ts,
      }),
    );
    await eventually(async () => (await t.ticket(ticket.number)).agentReadAt !== null, "the read mark");
    await supplier.say(`TKT-00000${ticket.number}`);
    expect(supplier.chat().at(-1)).toMatch(/Lido pelo suporte: sim, em \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    // The note itself stays with the agents.
    expect(supplier.chat().at(-1)).not.toContain("certificate");
  });
});
