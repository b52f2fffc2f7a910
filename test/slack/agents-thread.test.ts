import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  OUTSIDER,
  replyQueued,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

describe("Slack: agents in a ticket's thread", () => {
  let t: SlackTestService;
  let supplier = 600_000;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const chatOf = (chatId: number) => t.telegram.messages(chatId).map((m) => m.text);
  const historyOf = async (ticketId: string) =>
    (await t.service.core.tickets.events(ticketId)).map((e) => `${e.kind}${e.body ? `: ${e.body}` : ""}`);
  /** An agent writes in the thread: the message exists in Slack, then its event arrives signed. */
  const agentWrites = async (root: { ts: string }, text: string, user = AGENT) => {
    const message = t.slack.userPosts(AGENTS, user, text, root.ts);
    const response = await t.event(
      payloads.threadMessage({ channel: AGENTS, user, text, ts: message.ts, threadTs: root.ts }),
    );
    expect(response.status).toBe(200);
    return message;
  };
  const replyItems = async (ticketId: string) =>
    (await t.outbox())
      .filter((i) => i.ticketId === ticketId && i.kind === "agent_reply")
      .map((i) => ({ state: i.state, payload: i.payload }));

  it("a reply starting with note: stays internal", async () => {
    const { ticket, root, chatId } = await supplierTicket(t, ++supplier, "VPN drops");
    const note = await agentWrites(root, "note: it is the expired certificate again");
    await eventually(() => t.slack.reactions(AGENTS, note.ts).includes("lock"), "the lock reaction");
    expect(await historyOf(ticket.id)).toEqual([
      "MESSAGE: About: VPN drops",
      "AGENT_READ",
      "NOTE: it is the expired certificate again",
    ]);
    expect(await replyItems(ticket.id)).toEqual([]);
    expect((await t.ticket(ticket.number)).status).toBe("NEW");
    // A public reply afterwards is the first and only thing the supplier reads.
    const publicReply = await agentWrites(root, "We are renewing the certificate.");
    await replyQueued(t, AGENTS, publicReply.ts);
    t.advance(16_000);
    await eventually(() => chatOf(chatId).length > 0, "the public reply");
    expect(chatOf(chatId)).toHaveLength(1);
    expect(chatOf(chatId)[0]).toContain("We are renewing the certificate.");
  });

  it("an edit within the grace period changes what is sent", async () => {
    const { ticket, root, chatId } = await supplierTicket(t, ++supplier, "Printer jams");
    const reply = await agentWrites(root, "Try restarting.");
    await eventually(() => t.slack.reactions(AGENTS, reply.ts).includes("hourglass_flowing_sand"), "queued");
    const edited = payloads.messageChanged({
      channel: AGENTS,
      user: AGENT,
      ts: reply.ts,
      threadTs: root.ts,
      before: "Try restarting.",
      after: "Try restarting the router.",
    });
    expect((await t.event(edited)).status).toBe(200);
    // The event may be answered (after 2.5 s) before it is handled; the handler revises the queued
    // item and then the history, so the grace period ends only once the history holds the new text.
    await eventually(
      async () => (await historyOf(ticket.id)).includes("MESSAGE: Try restarting the router."),
      "the edit applied",
    );
    t.advance(16_000);
    await eventually(() => chatOf(chatId).length === 1, "the reply on Telegram");
    expect(chatOf(chatId)[0]).toContain("\nTry restarting the router.\n");
    expect(chatOf(chatId)[0]).not.toContain("Try restarting.\n");
    // The history holds what the supplier received; the first text stays with the agents, in a note.
    const history = await historyOf(ticket.id);
    expect(history).toContain("MESSAGE: Try restarting the router.");
    expect(history).not.toContain("MESSAGE: Try restarting.");
    expect(history).toContain(
      "NOTE: Reply edited before it went out; the history holds the text sent. First written: Try restarting.",
    );
  });

  it("an edit after the reply went out is refused, and the agent is told", async () => {
    const { root, chatId } = await supplierTicket(t, ++supplier, "Scanner offline");
    const reply = await agentWrites(root, "Plug it in again.");
    await replyQueued(t, AGENTS, reply.ts);
    t.advance(16_000);
    await eventually(() => chatOf(chatId).length === 1, "the reply on Telegram");
    const edited = payloads.messageChanged({
      channel: AGENTS,
      user: AGENT,
      ts: reply.ts,
      threadTs: root.ts,
      before: "Plug it in again.",
      after: "Plug it in.",
    });
    expect((await t.event(edited)).status).toBe(200);
    await eventually(
      () => t.slack.ephemerals().some((e) => e.user === AGENT && e.threadTs === root.ts),
      "the ephemeral",
    );
    expect(t.slack.ephemerals().find((e) => e.threadTs === root.ts)!.text).toBe(
      "Your edit came after the reply went out; the requester received the original.",
    );
    expect(chatOf(chatId)).toHaveLength(1);
  });

  it("a delete within the grace period cancels the send", async () => {
    const { ticket, root, chatId } = await supplierTicket(t, ++supplier, "Badge does not open the door");
    const reply = await agentWrites(root, "Wrong ticket, sorry.");
    await eventually(async () => (await replyItems(ticket.id)).length === 1, "the pending reply");
    const deleted = payloads.messageDeleted({
      channel: AGENTS,
      user: AGENT,
      ts: reply.ts,
      threadTs: root.ts,
      text: "Wrong ticket, sorry.",
    });
    expect((await t.event(deleted)).status).toBe(200);
    // Slack's event is answered when handled or after 2.5 s, whichever is first: on a busy machine the
    // 200 can come before the handler cancelled the item and then recorded the withdrawal.
    const withdrawn =
      "REPLY_WITHDRAWN: Reply withdrawn before it went out; the requester did not receive it.";
    await eventually(
      async () =>
        (await replyItems(ticket.id)).every((i) => i.state === "CANCELLED") &&
        (await historyOf(ticket.id)).includes(withdrawn),
      "the reply cancelled and withdrawn",
    );
    expect((await replyItems(ticket.id)).map((i) => i.state)).toEqual(["CANCELLED"]);
    const renewed = await agentWrites(root, "Your badge is renewed.");
    await replyQueued(t, AGENTS, renewed.ts);
    t.advance(16_000);
    await eventually(() => chatOf(chatId).length > 0, "the second reply");
    expect(chatOf(chatId)).toHaveLength(1);
    expect(chatOf(chatId)[0]).toContain("Your badge is renewed.");
    expect(await historyOf(ticket.id)).toContain(withdrawn);
  });

  it("someone outside the agents' channel pressing a button is refused, and nothing changes", async () => {
    const { ticket } = await supplierTicket(t, ++supplier, "Laptop will not boot");
    const press = (user: string, responseId: string) =>
      t.interact(
        payloads.action({
          user,
          actionId: "ticket_assign_me",
          value: String(ticket.number),
          responseUrl: t.slack.responseUrl(responseId),
        }),
      );
    expect((await press(OUTSIDER, "outsider")).status).toBe(200);
    await eventually(() => t.slack.responses("outsider").length === 1, "the refusal");
    expect(t.slack.responses("outsider")[0]!.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "Only agents (members of the agents' channel) can change tickets.",
    });
    const unchanged = await t.ticket(ticket.number);
    expect(unchanged.assignee).toBeNull();
    expect(unchanged.version).toBe(ticket.version);

    expect((await press(AGENT, "agent")).status).toBe(200);
    await eventually(
      async () => (await t.ticket(ticket.number)).assignee?.id === `slack:${AGENT}`,
      "the assignment",
    );
    expect(t.slack.responses("agent")).toEqual([]);
  });

  it("a non-agent's message in a ticket's thread is not relayed", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Mouse broken");
    await agentWrites(root, "I can fix this!", OUTSIDER);
    await eventually(
      () => t.slack.ephemerals().some((e) => e.user === OUTSIDER && e.threadTs === root.ts),
      "the refusal",
    );
    expect(await historyOf(ticket.id)).toEqual(["MESSAGE: About: Mouse broken"]);
  });

  it("ignores the bot's own messages", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Projector lamp");
    const own = t.slack.userPosts(AGENTS, "U0BOT", "🔄 Status: something the bot said", root.ts);
    const event = {
      ...payloads.threadMessage({
        channel: AGENTS,
        user: "U0BOT",
        text: own.text,
        ts: own.ts,
        threadTs: root.ts,
      }),
      bot_id: "B0BOT",
    };
    expect((await t.event(event)).status).toBe(200);
    // Followed by an agent's message: once that one is handled, the bot's would have been too.
    await agentWrites(root, "Lamp ordered.");
    await eventually(
      async () => (await historyOf(ticket.id)).includes("MESSAGE: Lamp ordered."),
      "the agent's reply",
    );
    expect(await historyOf(ticket.id)).toEqual([
      "MESSAGE: About: Projector lamp",
      "AGENT_READ",
      "MESSAGE: Lamp ordered.",
      "STATUS_CHANGED",
    ]);
  });

  it("a retried event is handled once", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Monitor flickers");
    const message = t.slack.userPosts(AGENTS, AGENT, "Which model is it?", root.ts);
    const event = payloads.threadMessage({
      channel: AGENTS,
      user: AGENT,
      text: message.text,
      ts: message.ts,
      threadTs: root.ts,
    });
    expect((await t.event(event, { eventId: "EvRETRIED01" })).status).toBe(200);
    expect((await t.event(event, { eventId: "EvRETRIED01", retryNum: 1 })).status).toBe(200);
    expect((await t.event(event, { eventId: "EvRETRIED01", retryNum: 2 })).status).toBe(200);
    await eventually(async () => (await replyItems(ticket.id)).length === 1, "the reply");
    expect(
      (await historyOf(ticket.id)).filter((line) => line.startsWith("MESSAGE: Which model")),
    ).toHaveLength(1);
    // The queued mark is added after the reply is recorded.
    await eventually(
      () => t.slack.calls("reactions.add").some((c) => c.args.timestamp === message.ts),
      "the queued mark",
    );
    expect(t.slack.calls("reactions.add").filter((c) => c.args.timestamp === message.ts)).toHaveLength(1);
  });

  it("a bad signature, a replayed old request or a missing one is refused with 401 and nothing happens", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Keyboard sticky");
    const message = t.slack.userPosts(AGENTS, AGENT, "On my way.", root.ts);
    const body = JSON.stringify(
      payloads.event(
        payloads.threadMessage({
          channel: AGENTS,
          user: AGENT,
          text: message.text,
          ts: message.ts,
          threadTs: root.ts,
        }),
      ),
    );
    const forged = await t.post(body, "application/json", { signature: `v0=${"0".repeat(64)}` });
    const stale = await t.post(body, "application/json", { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const missing = await t.post(body, "application/json", { signature: "" });
    expect([forged.status, stale.status, missing.status]).toEqual([401, 401, 401]);
    expect(await historyOf(ticket.id)).toEqual(["MESSAGE: About: Keyboard sticky"]);
    // The same request properly signed goes through: only the signature was wrong.
    expect((await t.post(body, "application/json")).status).toBe(200);
    await eventually(
      async () => (await historyOf(ticket.id)).includes("MESSAGE: On my way."),
      "the signed request handled",
    );
  });

  it("answers Slack's URL verification with the challenge", async () => {
    const response = await t.post(JSON.stringify(payloads.urlVerification()), "application/json");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("a 429 from chat.postMessage is retried after Slack's Retry-After, not before", async () => {
    t.slack.fault(
      "chat.postMessage",
      { status: 429, retryAfter: 30 },
      { match: (args) => args.channel === AGENTS && String(args.text).includes("Toner") },
    );
    const created = supplierTicket(t, ++supplier, "Toner empty");
    const failedRoot = async () =>
      (await t.outbox()).findLast((i) => i.kind === "ticket_created" && i.lastError !== null);
    await eventually(async () => (await failedRoot()) !== undefined, "the 429");
    const item = (await failedRoot())!;
    expect(item.state).toBe("PENDING");
    expect(item.lastError).toBe("slack: 429 rate limited");
    expect(item.availableAt.getTime() - t.clock.now().getTime()).toBeGreaterThan(28_000);
    expect(
      t.slack
        .calls("chat.postMessage")
        .filter((c) => String(c.args.text).includes("Toner"))
        .map((c) => c.status),
    ).toEqual([429]);
    t.advance(31_000);
    const { root } = await created;
    expect(root.text).toContain("Toner empty");
    expect(
      t.slack
        .calls("chat.postMessage")
        .filter((c) => String(c.args.text).includes("Toner"))
        .map((c) => c.status),
    ).toEqual([429, 200]);
  });
});
