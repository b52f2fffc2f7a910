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

describe("honest history: replies withdrawn or edited in Slack before they went out", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const open = async (userId: number, languageCode: "en" | "pt-BR") => {
    const { supplier, ticket } = await openTicketOnTelegram(t, userId, languageCode);
    const root = (await t.link(ticket.number, "agents"))!;
    return { supplier, ticket, root, ref: `TKT-${String(ticket.number).padStart(6, "0")}` };
  };

  const agentWrites = async (rootTs: string, text: string) => {
    const message = t.slack.userPosts(AGENTS, AGENT, text, rootTs);
    await t.event(
      payloads.threadMessage({ channel: AGENTS, user: AGENT, text, ts: message.ts, threadTs: rootTs }),
    );
    return message;
  };

  const pendingReply = (ticketId: string) => async () =>
    (await t.outbox()).some(
      (i) => i.ticketId === ticketId && i.kind === "agent_reply" && i.state === "PENDING",
    );

  it("a deleted reply leaves the supplier's chat, status, last reply and clocks as before (English)", async () => {
    const { supplier, ticket, root, ref } = await open(710_001, "en");
    const reply = await agentWrites(root.ts, "Wrong ticket, sorry.");
    await eventually(pendingReply(ticket.id), "the pending reply");
    expect(await t.ticket(ticket.number)).toMatchObject({ status: "WAITING_ON_REQUESTER" });
    await t.event(
      payloads.messageDeleted({
        channel: AGENTS,
        user: AGENT,
        ts: reply.ts,
        threadTs: root.ts,
        text: reply.text,
      }),
    );
    await eventually(async () => (await t.ticket(ticket.number)).status === "NEW", "the status put back");
    expect(await t.ticket(ticket.number)).toMatchObject({
      lastReply: null,
      firstResponseAt: null,
      sla: { pausedMs: 0, pausedSince: null },
    });
    t.advance(16_000);
    const before = supplier.chat().length;
    await supplier.say(ref);
    const detail = supplier.chat().at(-1)!;
    expect(supplier.chat().slice(0, before).join("\n")).not.toContain("Wrong ticket");
    expect(detail).toContain("Status: Open (New)");
    expect(detail).toContain("Last reply: none");
    expect(detail).not.toContain("Wrong ticket");
    expect(detail).not.toContain("Waiting for your reply");
    // The agents still see it, marked withdrawn, and the root message shows the status put back.
    const events = await t.service.core.tickets.events(ticket.id);
    expect(events.find((e) => e.body === "Wrong ticket, sorry.")?.withdrawnAt).toBeInstanceOf(Date);
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text.includes("Waiting on requester → *New*")),
      "the status line in the thread",
    );
  });

  it("an edited reply is what the supplier reads, in the chat and in the history (pt-BR)", async () => {
    const { supplier, ticket, root, ref } = await open(710_002, "pt-BR");
    const reply = await agentWrites(root.ts, "Reinicie.");
    await eventually(pendingReply(ticket.id), "the pending reply");
    await t.event(
      payloads.messageChanged({
        channel: AGENTS,
        user: AGENT,
        ts: reply.ts,
        threadTs: root.ts,
        before: "Reinicie.",
        after: "Reinicie o roteador.",
      }),
    );
    await eventually(
      async () =>
        (await t.service.core.tickets.events(ticket.id)).some((e) => e.body === "Reinicie o roteador."),
      "the revised history",
    );
    t.advance(16_000);
    await eventually(() => supplier.chat().some((m) => m.includes("Reinicie o roteador.")), "the reply");
    await supplier.say(ref);
    const detail = supplier.chat().at(-1)!;
    expect(detail).toContain("Carla (suporte): Reinicie o roteador.");
    expect(detail).not.toContain("Reinicie.\n");
    expect(detail).toContain("Status: Respondido (Aguardando sua resposta)");
  });
});
