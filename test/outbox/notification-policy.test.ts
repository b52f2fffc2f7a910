import { beforeEach, describe, expect, it } from "vitest";
import { createMemoryDirectory } from "../../src/adapters/storage/memory/directory.js";
import { createMemoryTicketRepository } from "../../src/adapters/storage/memory/ticket-repository.js";
import { decideDeliveryFailed } from "../../src/core/outbox/delivery-failure.js";
import { createNotificationPolicy } from "../../src/core/outbox/notification-policy.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import { parseOutboxPayload } from "../../src/core/outbox/payloads.js";
import { ok } from "../../src/core/shared/result.js";
import type { Channel } from "../../src/core/ticket/channel.js";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import { agent, buildService, validTicket } from "../support/core-harness.js";

const must = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

/** One line per notification: "<audience> <kind> via <channel>", to read the policy's decisions at a glance. */
const lines = (drafts: readonly OutboxDraft[]) =>
  drafts.map((d) => `${(d.payload as { audience: string }).audience} ${d.kind} via ${d.channel}`);

const setup = async (deliverable: readonly Channel[], agentChannel: Channel | null, replyGraceMs = 0) => {
  const { repository, outbox } = createMemoryTicketRepository();
  const directory = createMemoryDirectory();
  const notify = createNotificationPolicy({
    deliverable: (c) => deliverable.includes(c),
    agentChannel: () => agentChannel,
    replyGraceMs,
  });
  const harness = await buildService(
    { tickets: repository, directory, outbox: async () => [], close: async () => {} },
    notify,
  );
  const { actor: requester, identity } = await harness.requester("acme", { channel: "TELEGRAM" });
  const ticket = must(await harness.service.create(requester, identity, validTicket())).ticket;
  const ref = formatTicketId(ticket.number);
  const since = (mark: number) => outbox.slice(mark);
  return { ...harness, requester, ref, ticket, outbox, since, notify, repository };
};

describe("notification policy", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    s = await setup(["TELEGRAM", "SLACK"], "SLACK");
  });

  it("tells agents of a new ticket, in the ticket's thread scope", () => {
    expect(lines(s.outbox)).toEqual(["agents ticket_created via SLACK"]);
    expect(s.outbox[0]!.scope).toBe(`ticket:${s.ticket.id}`);
    expect(s.outbox[0]!.key).toBe(`${s.ticket.id}:v0:ticket_created:agents`);
  });

  it("sends an agent's reply to the requester (status folded in) and refreshes the agents' root message", async () => {
    const mark = s.outbox.length;
    must(await s.service.reply(agent, s.ref, { message: "Reinicie a impressora, por favor." }));
    const drafts = s.since(mark);
    expect(lines(drafts)).toEqual(["requester agent_reply via TELEGRAM", "agents ticket_updated via SLACK"]);
    const reply = drafts[0]!;
    expect(reply.scope).toBe(`contact:${s.requester.contactId}`);
    expect(reply.payload).toMatchObject({
      body: "Reinicie a impressora, por favor.",
      contactId: s.requester.contactId,
      actorName: "Ana Agent",
    });
    expect((reply.payload as { ticket: { status: string } }).ticket.status).toBe("WAITING_ON_REQUESTER");
    expect(drafts[1]!.payload).toMatchObject({
      changes: [{ field: "status", from: "NEW", to: "WAITING_ON_REQUESTER" }],
    });
    for (const d of drafts) expect(parseOutboxPayload(d).ok).toBe(true);
  });

  it("passes a requester's message to the agents but never echoes it back to the requester", async () => {
    must(await s.service.reply(agent, s.ref, { message: "Qual o modelo?" }));
    const mark = s.outbox.length;
    must(await s.service.reply(s.requester, s.ref, { message: "HP LaserJet 1020" }));
    expect(lines(s.since(mark))).toEqual([
      "agents requester_message via SLACK",
      "agents ticket_updated via SLACK",
    ]);
  });

  it("keeps internal notes and read marks away from everyone's chat", async () => {
    must(await s.service.reply(s.requester, s.ref, { message: "Alguma novidade?" }));
    const mark = s.outbox.length;
    must(await s.service.reply(agent, s.ref, { message: "cliente antigo", internal: true }));
    must(await s.service.markRead(agent, s.ref));
    expect(s.since(mark)).toEqual([]);
  });

  it("announces an agent's status change and, when solved, asks for a rating", async () => {
    const mark = s.outbox.length;
    must(await s.service.changeStatus(agent, s.ref, { status: "SOLVED" }));
    expect(lines(s.since(mark))).toEqual([
      "requester status_changed via TELEGRAM",
      "requester rating_request via TELEGRAM",
      "agents ticket_updated via SLACK",
    ]);
  });

  it("tells the requester when agents move the ticket to another department", async () => {
    const mark = s.outbox.length;
    must(await s.service.changeDepartment(agent, s.ref, { department: "sales" }));
    expect(lines(s.since(mark))).toEqual([
      "requester ticket_notice via TELEGRAM",
      "agents ticket_updated via SLACK",
    ]);
  });

  it("does not tell requesters about a close they made themselves", async () => {
    const mark = s.outbox.length;
    must(await s.service.changeStatus(s.requester, s.ref, { status: "SOLVED" }));
    expect(lines(s.since(mark))).toEqual(["agents ticket_updated via SLACK"]);
  });

  it("refreshes the agents' root message on priority and assignee changes only", async () => {
    const mark = s.outbox.length;
    must(await s.service.changePriority(agent, s.ref, { priority: "LOW" }));
    must(await s.service.assign(agent, s.ref, { assignee: { id: "U2", name: "Bia" } }));
    expect(lines(s.since(mark))).toEqual([
      "agents ticket_updated via SLACK",
      "agents ticket_updated via SLACK",
    ]);
  });

  it("gives every change its own stable key, so a notification is written once", async () => {
    must(await s.service.changePriority(agent, s.ref, { priority: "LOW" }));
    must(await s.service.changePriority(agent, s.ref, { priority: "MEDIUM" }));
    const keys = s.outbox.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(`${s.ticket.id}:v2:ticket_updated:agents`);
  });

  it("reports a failed delivery to agents, but not a failure of the agents' own channel", async () => {
    const current = (await s.repository.findById(s.ticket.id))!;
    const ctx = { now: new Date(), notify: s.notify };
    const telegram = decideDeliveryFailed(
      current,
      { key: "k1", channel: "TELEGRAM", kind: "agent_reply" },
      "403 blocked",
      ctx,
    );
    expect(lines(telegram.outbox)).toEqual(["agents delivery_failed via SLACK"]);
    expect(telegram.outbox[0]!.payload).toMatchObject({
      failedChannel: "TELEGRAM",
      failedKind: "agent_reply",
      reason: "403 blocked",
    });
    const slack = decideDeliveryFailed(
      current,
      { key: "k2", channel: "SLACK", kind: "ticket_created" },
      "channel_not_found",
      ctx,
    );
    expect(slack.outbox).toEqual([]);
    expect(slack.events[0]).toMatchObject({ kind: "DELIVERY_FAILED", sourceKey: "delivery-failed:k2" });
    expect(must(await s.repository.update(s.ticket.id, () => ok(slack))).ticket.version).toBe(
      current.version + 1,
    );
  });
});

describe("notification policy without senders", () => {
  it("writes nothing for channels that cannot deliver, and nothing for agents without an agents' channel", async () => {
    const s = await setup([], null);
    must(await s.service.reply(agent, s.ref, { message: "Resolvido?" }));
    must(await s.service.changeStatus(agent, s.ref, { status: "SOLVED" }));
    expect(s.outbox).toEqual([]);
  });

  it("holds an agent's reply for the grace period so it can still be withdrawn", async () => {
    const s = await setup(["TELEGRAM"], null, 15_000);
    must(await s.service.reply(agent, s.ref, { message: "Já verifico." }));
    const [reply] = s.outbox;
    expect(reply?.kind).toBe("agent_reply");
    const written = new Date((reply!.payload as { at: string }).at).getTime();
    expect(reply!.availableAt.getTime() - written).toBe(15_000);
  });
});
