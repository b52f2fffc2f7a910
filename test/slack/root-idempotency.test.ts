import { afterAll, beforeAll, expect, it } from "vitest";
import type { Ticket } from "../../src/core/ticket/ticket.js";
import { describeWith } from "../support/pg-database-for-service.js";
import {
  AGENT,
  AGENTS,
  eventually,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

describeWith({ pg: true }, "Slack: one root message per ticket, even across a crash", () => {
  let t: SlackTestService;
  let supplier = 800_000;
  beforeAll(async () => {
    t = await startSlackService({}, { storage: "postgres" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** The messages in the agents' channel whose metadata names the ticket. */
  const rootsOf = (ticket: Ticket) =>
    t.slack
      .messages(AGENTS)
      .filter((m) => t.slack.metadataOf(AGENTS, m.ts)?.event_payload.ticket_id === ticket.id);
  const historyLookups = () =>
    t.slack.calls("conversations.history").filter((c) => c.args.include_all_metadata === "true");
  const createdItem = (ticket: Ticket) =>
    t.service.core.db!.prisma.outboxItem.findFirstOrThrow({
      where: { ticketId: ticket.id, kind: "ticket_created" },
    });

  it("posts one root with the ticket's id as metadata, without reading the channel first", async () => {
    const before = historyLookups().length;
    const { ticket, root } = await supplierTicket(t, ++supplier, "Monitor flickers");
    expect(t.slack.metadataOf(AGENTS, root.ts)).toEqual({
      event_type: "chamado_ticket",
      event_payload: { ticket_id: ticket.id },
    });
    expect(rootsOf(ticket).map((m) => m.ts)).toEqual([root.ts]);
    await eventually(async () => (await createdItem(ticket)).state === "DELIVERED", "the item delivered");
    expect((await createdItem(ticket)).attempts).toBe(1);
    expect(historyLookups()).toHaveLength(before);
  });

  it("a root posted but never recorded (the process died in between) is found, not posted twice", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Badge reader dead");
    const item = await createdItem(ticket);
    await eventually(async () => (await createdItem(ticket)).state === "DELIVERED", "the item delivered");
    // Busy channel: the root is more than a page of history back.
    for (let i = 0; i < 230; i++) t.slack.userPosts(AGENTS, AGENT, `chatter ${i}`);
    // The crash: Slack has the root, the database neither its ref nor a finished item; the lease ran out.
    const prisma = t.service.core.db!.prisma;
    await prisma.ticketLink.deleteMany({ where: { ticketId: ticket.id } });
    await prisma.outboxItem.update({
      where: { id: item.id },
      data: {
        state: "PENDING",
        attempts: 1,
        claimedBy: "crashed-worker",
        claimedUntil: new Date(0),
        availableAt: new Date(0),
        deliveredAt: null,
        platformMessageId: null,
      },
    });
    const before = historyLookups().length;
    t.advance(0);

    await eventually(async () => (await createdItem(ticket)).state === "DELIVERED", "the retry delivered");
    const retried = await createdItem(ticket);
    expect(retried.attempts).toBe(2);
    expect(retried.platformMessageId).toBe(root.ts);
    expect(rootsOf(ticket).map((m) => m.ts)).toEqual([root.ts]);
    expect(await t.link(ticket.number, "agents")).toEqual({ channel: AGENTS, ts: root.ts });
    const lookups = historyLookups().slice(before);
    expect(lookups.length).toBe(2);
    expect(lookups.every((c) => c.args.channel === AGENTS && c.args.oldest !== undefined)).toBe(true);
    expect(lookups[1]!.args.cursor).toBeTruthy();
  });

  it("a retry whose first attempt never reached Slack looks, finds nothing and posts the one root", async () => {
    t.slack.fault(
      "chat.postMessage",
      { status: 429, retryAfter: 1 },
      { match: (args) => args.channel === AGENTS && String(args.text).includes("Scanner jammed") },
    );
    const before = historyLookups().length;
    const created = supplierTicket(t, ++supplier, "Scanner jammed");
    const prisma = t.service.core.db!.prisma;
    await eventually(
      async () =>
        (await prisma.outboxItem.findFirst({
          where: { kind: "ticket_created", lastError: "slack: 429 rate limited" },
        })) !== null,
      "the 429",
    );
    t.advance(2_000);
    const { ticket, root } = await created;
    await eventually(async () => (await createdItem(ticket)).state === "DELIVERED", "the item delivered");
    expect((await createdItem(ticket)).attempts).toBe(2);
    expect(rootsOf(ticket).map((m) => m.ts)).toEqual([root.ts]);
    expect(historyLookups().length).toBeGreaterThan(before);
  });
  it("a refused lookup (no history scope) does not hold the ticket back", async () => {
    t.slack.fault(
      "chat.postMessage",
      { status: 429, retryAfter: 1 },
      { match: (args) => args.channel === AGENTS && String(args.text).includes("Fax silent") },
    );
    t.slack.fault(
      "conversations.history",
      { error: "missing_scope" },
      { match: (args) => args.include_all_metadata === "true" },
    );
    const created = supplierTicket(t, ++supplier, "Fax silent");
    await eventually(
      () => t.slack.calls("conversations.history").some((c) => c.error === "missing_scope"),
      "the refusal",
    );
    t.advance(2_000);
    const { ticket, root } = await created;
    expect(rootsOf(ticket).map((m) => m.ts)).toEqual([root.ts]);
  });
});
