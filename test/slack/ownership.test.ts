import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENT_2,
  AGENTS,
  eventually,
  OUTSIDER,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

type Block = { type: string; block_id?: string; elements?: Record<string, unknown>[] };

describe("Slack: who owns a ticket", () => {
  let t: SlackTestService;
  let supplier = 610_000;
  let responses = 0;
  beforeAll(async () => {
    t = await startSlackService({ FIRST_RESPONDER_OWNS: "true" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const chatOf = (chatId: number) => t.telegram.messages(chatId).map((m) => m.text);
  const historyOf = async (ticketId: string) =>
    (await t.service.core.tickets.events(ticketId)).map((e) => `${e.kind}${e.body ? `: ${e.body}` : ""}`);
  const agentWrites = async (root: { ts: string }, text: string, user = AGENT) => {
    const message = t.slack.userPosts(AGENTS, user, text, root.ts);
    const response = await t.event(
      payloads.threadMessage({ channel: AGENTS, user, text, ts: message.ts, threadTs: root.ts }),
    );
    expect(response.status).toBe(200);
    return message;
  };
  /** The root message as Slack shows it now, and its ownership row. */
  const rootOf = (root: { ts: string }) => t.slack.messages(AGENTS).find((m) => m.ts === root.ts)!;
  const ownerRow = (root: { ts: string }) =>
    (rootOf(root).blocks as Block[]).find((b) => b.block_id?.startsWith("ticket_owner_"))!;
  /** Presses a button (or picks a user) as `user`; returns what Slack's response URL received. */
  const press = async (
    user: string,
    fields: { actionId: string; value?: string; selectedUser?: string; blockId?: string },
  ) => {
    const id = `own-${++responses}`;
    const response = await t.interact(
      payloads.action({ user, value: fields.value ?? "", responseUrl: t.slack.responseUrl(id), ...fields }),
    );
    expect(response.status).toBe(200);
    return id;
  };

  it("the first agent to answer owns the ticket, and the root message shows it", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Router reboots");
    expect(ownerRow(root).elements!.map((e) => e.action_id)).toEqual(["ticket_assign_to"]);
    await agentWrites(root, "Looking at it.");
    await eventually(
      async () => (await t.ticket(ticket.number)).assignee?.id === `slack:${AGENT}`,
      "the owner",
    );
    expect((await t.ticket(ticket.number)).assignee).toEqual({ id: `slack:${AGENT}`, name: "Carla" });
    await eventually(() => ownerRow(root).elements![0]!.initial_user === AGENT, "the root updated");
    expect(ownerRow(root).elements!.map((e) => e.action_id)).toEqual([
      "ticket_assign_to",
      "ticket_take_over",
      "ticket_unassign",
    ]);
    expect(JSON.stringify(rootOf(root).blocks)).toContain(`*Assignee*\\n<@${AGENT}>`);
    // A note does not make its author the owner, and a second reply by the owner changes nothing.
    expect(await historyOf(ticket.id)).toEqual([
      "MESSAGE: About: Router reboots",
      // The reply marks the requester's message read.
      "AGENT_READ",
      "MESSAGE: Looking at it.",
      "STATUS_CHANGED",
      `ASSIGNEE_CHANGED: slack:${AGENT}`,
    ]);
  });

  it("a note does not take ownership", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Fan noise");
    const note = await agentWrites(root, "note: probably dust");
    await eventually(() => t.slack.reactions(AGENTS, note.ts).includes("lock"), "the note");
    expect((await t.ticket(ticket.number)).assignee).toBeNull();
  });

  it("a second agent replying to an owned ticket is told privately and may cancel or send", async () => {
    const { ticket, root, chatId } = await supplierTicket(t, ++supplier, "Disk full");
    await agentWrites(root, "Cleaning up the disk now.");
    await eventually(async () => (await t.ticket(ticket.number)).assignee !== null, "the owner");
    const noticeFor = () => t.slack.ephemerals().filter((e) => e.user === AGENT_2 && e.threadTs === root.ts);

    const cancelled = await agentWrites(root, "Have you tried deleting files?", AGENT_2);
    await eventually(() => noticeFor().length === 1, "the collision notice");
    const notice = noticeFor()[0]!;
    expect(notice.text).toBe(
      `<@${AGENT}> owns this ticket. Your reply goes out in 15 s unless you cancel it.`,
    );
    const buttons = (notice.blocks[1] as Block).elements!;
    expect(buttons.map((b) => b.action_id)).toEqual(["ticket_collision_send", "ticket_collision_cancel"]);
    // Only its author may use the notice's buttons.
    const stranger = await press(AGENT, {
      actionId: "ticket_collision_cancel",
      value: String(buttons[1]!.value),
    });
    await eventually(() => t.slack.responses(stranger).length === 1, "the refusal");
    const cancel = await press(AGENT_2, {
      actionId: "ticket_collision_cancel",
      value: String(buttons[1]!.value),
    });
    await eventually(() => t.slack.responses(cancel).length === 1, "the cancel answer");
    expect(t.slack.responses(cancel)[0]!.body).toEqual({
      replace_original: true,
      text: "Your reply was cancelled; the requester will not receive it.",
    });
    const items = (await t.outbox()).filter((i) => i.ticketId === ticket.id && i.kind === "agent_reply");
    expect(items.map((i) => i.state)).toEqual(["PENDING", "CANCELLED"]);
    expect(await historyOf(ticket.id)).toContain(
      "NOTE: Reply withdrawn before it went out: the ticket is Carla's.",
    );
    expect(cancelled.ts).toBeTruthy();

    await agentWrites(root, "Also empty the trash.", AGENT_2);
    await eventually(() => noticeFor().length === 2, "the second notice");
    const second = (noticeFor()[1]!.blocks[1] as Block).elements!;
    const send = await press(AGENT_2, { actionId: "ticket_collision_send", value: String(second[0]!.value) });
    await eventually(() => t.slack.responses(send).length === 1, "the send answer");
    expect(t.slack.responses(send)[0]!.body).toEqual({
      replace_original: true,
      text: "Your reply goes out as written.",
    });
    t.advance(16_000);
    await eventually(() => chatOf(chatId).length === 2, "both replies that were not cancelled");
    expect(chatOf(chatId).join("\n")).not.toContain("Have you tried deleting files?");
    expect(chatOf(chatId)[1]).toContain("Also empty the trash.");
    // The owner stays the owner.
    expect((await t.ticket(ticket.number)).assignee?.id).toBe(`slack:${AGENT}`);
    // The owner's own replies bring no notice.
    await agentWrites(root, "Done.");
    await eventually(
      async () => (await historyOf(ticket.id)).includes("MESSAGE: Done."),
      "the owner's reply",
    );
    expect(t.slack.ephemerals().filter((e) => e.user === AGENT && e.threadTs === root.ts)).toEqual([]);
  });

  it("assigns to another agent of the channel, refuses someone outside it, unassigns and takes over", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Printer offline");
    const blockId = () => ownerRow(root).block_id!;
    await press(AGENT, { actionId: "ticket_assign_to", selectedUser: AGENT_2, blockId: blockId() });
    await eventually(
      async () => (await t.ticket(ticket.number)).assignee?.id === `slack:${AGENT_2}`,
      "assigned",
    );
    expect((await t.ticket(ticket.number)).assignee).toEqual({ id: `slack:${AGENT_2}`, name: "Bruno" });
    await eventually(() => ownerRow(root).elements![0]!.initial_user === AGENT_2, "the root shows Bruno");

    const outsider = await press(AGENT, {
      actionId: "ticket_assign_to",
      selectedUser: OUTSIDER,
      blockId: blockId(),
    });
    await eventually(() => t.slack.responses(outsider).length === 1, "the refusal");
    expect(t.slack.responses(outsider)[0]!.body.text).toBe(
      "Only members of this ticket's agents' channel can own it.",
    );
    // Someone outside the agents' channel cannot assign anyone.
    const notAgent = await press(OUTSIDER, {
      actionId: "ticket_assign_to",
      selectedUser: AGENT,
      blockId: blockId(),
    });
    await eventually(() => t.slack.responses(notAgent).length === 1, "the refusal");
    expect((await t.ticket(ticket.number)).assignee?.id).toBe(`slack:${AGENT_2}`);

    await press(AGENT, { actionId: "ticket_take_over", value: String(ticket.number) });
    await eventually(
      async () => (await t.ticket(ticket.number)).assignee?.id === `slack:${AGENT}`,
      "taken over",
    );
    await press(AGENT, { actionId: "ticket_unassign", value: String(ticket.number) });
    await eventually(async () => (await t.ticket(ticket.number)).assignee === null, "unassigned");
    await eventually(
      () => ownerRow(root).elements!.length === 1 && ownerRow(root).elements![0]!.initial_user === undefined,
      "the root without owner",
    );
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text === "👤 Unassigned (Carla)"),
      "the unassignment in the thread",
    );
    const lines = t.slack.thread(AGENTS, root.ts).map((m) => m.text);
    expect(lines).toEqual([
      "👤 Assigned to <@U0AGENT2> (Carla)",
      "👤 Assigned to <@U0AGENT> (Carla)",
      "👤 Unassigned (Carla)",
    ]);
  });
});
