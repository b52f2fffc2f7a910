import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_STATUS_OF } from "../../src/core/ticket/status.js";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { telegramSupplier } from "./support/supplier.js";

describe("Slack agents and a Telegram supplier, end to end", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a supplier's ticket reaches the agents' channel, the agent's thread reply reaches the supplier, and the answer comes back", async () => {
    const rita = telegramSupplier(t, {
      userId: 555_001,
      firstName: "Rita",
      languageCode: "en",
      inGroup: false,
    });
    const publicStatus = async () => PUBLIC_STATUS_OF[(await t.ticket(1)).status];

    // 1. The supplier opens a ticket on Telegram; it appears in the agents' channel.
    await rita.say(
      "new",
      "Invoice rejected",
      "technical",
      "high",
      "incident",
      "The tax authority rejects invoice 1234.",
      "skip",
      "confirm",
    );
    expect(rita.chat().at(-1)).toBe(
      "Ticket TKT-000001 is open! We will let you know here when there is a reply.\n\nAnything else I can help with?",
    );
    await eventually(() => t.slack.messages(AGENTS).length === 1, "the root message");
    const root = t.slack.messages(AGENTS)[0]!;
    expect(root.text).toBe("TKT-000001: Invoice rejected");
    expect(JSON.stringify(root.blocks)).toContain("Rita (Telegram)");
    expect(JSON.stringify(root.blocks)).toContain("The tax authority rejects invoice 1234.");
    expect(await publicStatus()).toBe("OPEN");
    await eventually(async () => (await t.link(1, "agents"))?.ts === root.ts, "the thread ref");

    // 2. An agent replies in the thread: queued for the grace period, then delivered to the supplier.
    const reply = t.slack.userPosts(
      AGENTS,
      AGENT,
      "Please send it again with the <https://example.com/manual|new layout> &amp; check.",
      root.ts,
    );
    const answered = await t.event(
      payloads.threadMessage({
        channel: AGENTS,
        user: AGENT,
        text: reply.text,
        ts: reply.ts,
        threadTs: root.ts,
      }),
    );
    expect(answered.status).toBe(200);
    await eventually(
      () => t.slack.reactions(AGENTS, reply.ts).includes("hourglass_flowing_sand"),
      "the queued reaction",
    );
    expect(rita.chat().some((text) => text.includes("Please send it again"))).toBe(false);
    t.advance(16_000);
    await eventually(
      () => rita.chat().some((text) => text.includes("Please send it again")),
      "the reply on Telegram",
    );
    expect(rita.chat().find((text) => text.includes("Please send it again"))).toBe(
      "💬 TKT-000001 — reply from Carla:\nPlease send it again with the new layout (https://example.com/manual) & check.\n\nTo reply, send TKT-000001 and choose Reply.",
    );
    await eventually(
      () => t.slack.reactions(AGENTS, reply.ts).join() === "outbox_tray",
      "the sent reaction (Telegram has no receipts)",
    );
    expect(await publicStatus()).toBe("ANSWERED");

    // 3. The supplier answers on Telegram; it appears in the ticket's thread.
    await rita.say("TKT-000001", "Reply", "Sent again, same error.");
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text.includes("Sent again, same error.")),
      "the answer in the thread",
    );
    expect(t.slack.thread(AGENTS, root.ts).find((m) => m.text.includes("Sent again"))!.text).toBe(
      "💬 *Rita* (Telegram):\n>Sent again, same error.",
    );
    expect(await publicStatus()).toBe("OPEN");

    // The status went Open → Answered → Open, and the root message followed it.
    const moves = (await t.service.core.tickets.events((await t.ticket(1)).id))
      .filter((e) => e.kind === "STATUS_CHANGED")
      .map((e) => `${e.from}→${e.to}`);
    expect(moves).toEqual(["NEW→WAITING_ON_REQUESTER", "WAITING_ON_REQUESTER→IN_PROGRESS"]);
    // Each change updated the root message and left a line in the thread.
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).length === 4 && t.slack.messages(AGENTS)[0]!.updates === 2,
      "both changes shown",
    );
    expect(JSON.stringify(t.slack.messages(AGENTS)[0]!.blocks)).toContain("In progress");
    // The thread as agents read it.
    expect(
      t.slack.thread(AGENTS, root.ts).map((m) => `${m.user === "U0BOT" ? "bot" : m.user}: ${m.text}`),
    ).toEqual([
      "U0AGENT: Please send it again with the <https://example.com/manual|new layout> &amp; check.",
      "bot: 🔄 Status: New → *Waiting on requester* (Carla)",
      "bot: 💬 *Rita* (Telegram):\n>Sent again, same error.",
      "bot: 🔄 Status: Waiting on requester → *In progress* (Rita)",
    ]);
  });
});
