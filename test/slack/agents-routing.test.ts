import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENT_2,
  AGENTS,
  eventually,
  OUTSIDER,
  replyQueued,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

const PNG = new Uint8Array(Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));

describe("Slack: round-robin, a user group of agents, files, SLA alerts and failed deliveries", () => {
  let t: SlackTestService;
  let supplier = 700_000;
  beforeAll(async () => {
    t = (await startSlackService({
      SLACK_ROUND_ROBIN: "true",
      SLACK_AGENT_USERGROUP_ID: "S0AGENTS",
      ATTACHMENT_MAX_BYTES: "1024",
    }))!;
    // The user group, not the channel, decides who is an agent: OUTSIDER is in it although not in the channel.
    t.slack.setUsergroup("S0AGENTS", [AGENT, AGENT_2, OUTSIDER, "U0HELPERBOT"]);
    t.slack.setUser("U0HELPERBOT", { name: "Helper bot", isBot: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const historyOf = async (ticketId: string) =>
    (await t.service.core.tickets.events(ticketId)).map(
      (e) => `${e.kind} ${e.actor.name}: ${e.to ?? e.body ?? ""}`,
    );

  it("assigns new tickets in turn among the agents, leaving bots out, and records it", async () => {
    const first = await supplierTicket(t, ++supplier, "First");
    const second = await supplierTicket(t, ++supplier, "Second");
    const third = await supplierTicket(t, ++supplier, "Third");
    const assignees = async () =>
      Promise.all(
        [first, second, third].map(
          async ({ ticket }) => (await t.ticket(ticket.number)).assignee?.id ?? null,
        ),
      );
    await eventually(async () => (await assignees()).every((a) => a !== null), "all three assigned");
    const agents = [AGENT, AGENT_2, OUTSIDER].sort().map((id) => `slack:${id}`);
    expect(await assignees()).toEqual([1, 2, 3].map((n) => agents[n % 3]));
    expect(await historyOf(first.ticket.id)).toContain(
      `ASSIGNEE_CHANGED chamado: ${(await t.ticket(1)).assignee!.name}`,
    );
    await eventually(
      () => JSON.stringify(t.slack.messages(AGENTS)[0]!.blocks).includes(`<@${agents[1]!.slice(6)}>`),
      "the root showing the assignee",
    );
  });

  it("an agent's file reaches the supplier on Telegram; a file too large is refused before it is downloaded", async () => {
    const { ticket, root, chatId } = await supplierTicket(t, ++supplier, "Need the manual");
    const manual = t.slack.hostFile("manual.png", PNG, "image/png");
    const reply = t.slack.userPosts(AGENTS, AGENT, "Here it is.", root.ts, [manual]);
    await t.event(
      payloads.threadMessage({
        channel: AGENTS,
        user: AGENT,
        text: reply.text,
        ts: reply.ts,
        threadTs: root.ts,
        files: [t.slack.fileObject(manual)],
      }),
    );
    await replyQueued(t, AGENTS, reply.ts);
    t.advance(16_000);
    await eventually(
      () => t.telegram.messages(chatId).some((m) => m.kind !== "text"),
      "the file on Telegram",
    );
    expect(t.telegram.messages(chatId).map((m) => [m.kind, m.fileName ?? m.text.split("\n")[1]])).toEqual([
      ["text", "Here it is."],
      ["photo", "manual.png"],
    ]);

    const big = t.slack.hostFile("dump.txt", new Uint8Array(4096).fill(65), "text/plain");
    const tooBig = t.slack.userPosts(AGENTS, AGENT, "And the log.", root.ts, [big]);
    await t.event(
      payloads.threadMessage({
        channel: AGENTS,
        user: AGENT,
        text: tooBig.text,
        ts: tooBig.ts,
        threadTs: root.ts,
        files: [t.slack.fileObject(big)],
      }),
    );
    // The round robin gave the ticket to another agent: the first reply brought the ownership notice too.
    const refusal = () =>
      t.slack.ephemerals().find((e) => e.threadTs === root.ts && e.text.startsWith("Not done"));
    await eventually(() => refusal() !== undefined, "the refusal");
    expect(refusal()!.text).toBe("Not done: The file dump.txt is over the 1 KB limit.");
    expect((await t.service.core.tickets.events(ticket.id)).some((e) => e.body === "And the log.")).toBe(
      false,
    );
    expect(t.slack.downloads()).toEqual([manual.id]);
  });

  it("a reply that cannot be delivered shows failed on the agent's message and alerts the assignee in the thread", async () => {
    const { ticket, root, chatId } = await supplierTicket(t, ++supplier, "Blocked bot");
    t.telegram.fault(
      "sendMessage",
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      { match: (p) => Number(p.chat_id) === chatId },
    );
    const reply = t.slack.userPosts(AGENTS, AGENT, "Any news?", root.ts);
    await t.event(
      payloads.threadMessage({
        channel: AGENTS,
        user: AGENT,
        text: reply.text,
        ts: reply.ts,
        threadTs: root.ts,
      }),
    );
    await replyQueued(t, AGENTS, reply.ts);
    t.advance(16_000);
    await eventually(() => t.slack.reactions(AGENTS, reply.ts).join() === "x", "the failed reaction");
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text.includes("Could not deliver")),
      "the alert",
    );
    const assignee = (await t.ticket(ticket.number)).assignee!.id.slice("slack:".length);
    expect(t.slack.thread(AGENTS, root.ts).find((m) => m.text.includes("Could not deliver"))!.text).toMatch(
      new RegExp(`^<@${assignee}> ❌ Could not deliver to the requester on Telegram: `),
    );
  });

  it("SLA warnings from the service's timers are posted in the thread, alerting the assignee", async () => {
    const { ticket, root } = await supplierTicket(t, ++supplier, "Server down");
    await eventually(async () => (await t.ticket(ticket.number)).assignee !== null, "assigned");
    const assignee = (await t.ticket(ticket.number)).assignee!.id.slice("slack:".length);
    // MEDIUM: first response within 4 h, warned at 80%.
    t.clock.advance(3.3 * 60 * 60_000);
    await t.service.timers.tick();
    t.service.worker.wake();
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text.includes("SLA warning")),
      "the SLA warning",
    );
    expect(t.slack.thread(AGENTS, root.ts).find((m) => m.text.includes("SLA warning"))!.text).toMatch(
      new RegExp(`^<@${assignee}> ⚠️ SLA warning: first response due \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\.$`),
    );
    await eventually(
      () =>
        JSON.stringify(t.slack.messages(AGENTS).find((m) => m.ts === root.ts)!.blocks).includes("at risk"),
      "the root at risk",
    );
  });
});
