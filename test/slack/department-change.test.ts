import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENT_2,
  AGENTS,
  eventually,
  replyQueued,
  SALES,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { openTicketOnTelegram } from "./support/supplier.js";

describe("department change from the root message's menu", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const open = async (userId: number, languageCode: "en" | "pt-BR") => {
    const { supplier, ticket } = await openTicketOnTelegram(t, userId, languageCode);
    return { supplier, ticket, root: (await t.link(ticket.number, "agents"))! };
  };

  const pick = (user: string, ticketNumber: number, department: string, id: string) =>
    t.interact(
      payloads.action({
        user,
        actionId: "ticket_department",
        value: `${ticketNumber}:${department}`,
        selected: true,
        responseUrl: t.slack.responseUrl(id),
      }),
    );

  it("moves the root to the department's channel, leaves a link, and tells the supplier (English)", async () => {
    const { supplier, ticket, root } = await open(720_001, "en");
    expect(root.channel).toBe(AGENTS);
    // The menu is on the root message, showing the current department.
    const blocks = JSON.stringify(t.slack.messages(AGENTS).find((m) => m.ts === root.ts)!.blocks);
    expect(blocks).toContain('"action_id":"ticket_department"');
    expect(blocks).toContain(`"value":"${ticket.number}:sales"`);

    expect((await pick(AGENT, ticket.number, "sales", "move")).status).toBe(200);
    await eventually(async () => (await t.link(ticket.number, "agents"))?.channel === SALES, "the new root");
    const moved = (await t.link(ticket.number, "agents"))!;
    expect((await t.ticket(ticket.number)).department).toBe("sales");
    const history = await t.service.core.tickets.events(ticket.id);
    expect(history.find((e) => e.kind === "DEPARTMENT_CHANGED")).toMatchObject({
      from: "technical",
      to: "sales",
      actor: { name: "Carla" },
    });
    expect(t.slack.messages(SALES).find((m) => m.ts === moved.ts)!.text).toContain("Invoice rejected");
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text.startsWith("➡️ Moved to <#C0SALES>")),
      "the link in the old thread",
    );
    const link = t.slack.thread(AGENTS, root.ts).find((m) => m.text.startsWith("➡️"))!.text;
    expect(link).toContain(`/archives/${SALES}/p${moved.ts.replace(".", "")}`);
    await eventually(
      () => t.slack.thread(SALES, moved.ts).some((m) => m.text === `⬅️ Moved here from <#${AGENTS}>.`),
      "the signpost in the new thread",
    );
    await eventually(
      () => supplier.chat().some((m) => m.includes("was passed to the Sales team")),
      "the supplier's notice",
    );
    expect(supplier.chat().find((m) => m.includes("Sales team"))).toContain(
      "TKT-00000" +
        ticket.number +
        ' "Invoice rejected" was passed to the Sales team, who will follow it from now on.',
    );

    // The sales agent works it from the new thread: the reply reaches the supplier.
    const reply = t.slack.userPosts(SALES, AGENT_2, "Billing here, checking it.", moved.ts);
    await t.event(
      payloads.threadMessage({
        channel: SALES,
        user: AGENT_2,
        text: reply.text,
        ts: reply.ts,
        threadTs: moved.ts,
      }),
    );
    await replyQueued(t, SALES, reply.ts);
    t.advance(16_000);
    await eventually(() => supplier.chat().some((m) => m.includes("Billing here")), "the reply from sales");
  });

  it("tells a Portuguese-speaking supplier in Portuguese, and refuses an unknown department", async () => {
    const { supplier, ticket } = await open(720_002, "pt-BR");
    expect((await pick(AGENT, ticket.number, "nowhere", "bad")).status).toBe(200);
    await eventually(() => t.slack.responses("bad").length === 1, "the refusal");
    expect(JSON.stringify(t.slack.responses("bad")[0]!.body)).toContain("Not done");
    expect((await t.ticket(ticket.number)).department).toBe("technical");
    expect((await pick(AGENT, ticket.number, "general", "ok")).status).toBe(200);
    await eventually(
      () => supplier.chat().some((m) => m.includes("foi encaminhado para a equipe Geral")),
      "the supplier's notice",
    );
    // General has no channel of its own: the root stays where it is.
    expect((await t.link(ticket.number, "agents"))?.channel).toBe(AGENTS);
  });
});
