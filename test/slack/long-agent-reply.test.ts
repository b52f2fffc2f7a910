import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  replyQueued,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { telegramSupplier } from "./support/supplier.js";

/** Lines of words, about `chars` characters in all, so Telegram's split has line breaks to cut at. */
const longText = (chars: number, word: string) => {
  const line = `${word} `.repeat(15).trim();
  const lines: string[] = [];
  while (lines.join("\n").length + line.length + 1 <= chars) lines.push(line);
  const text = lines.join("\n");
  return `${text}\n${"x".repeat(chars - text.length - 1)}`;
};

describe("agents' replies longer than a supplier's 1,000 characters", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("an agent's 4,000-character thread reply reaches Telegram whole, in messages of at most 4,096; a supplier's 1,001 are refused", async () => {
    const rita = telegramSupplier(t, {
      userId: 555_101,
      firstName: "Rita",
      languageCode: "en",
      inGroup: false,
    });
    await rita.say(
      "new",
      "Long answer",
      "technical",
      "high",
      "incident",
      "Explain everything.",
      "skip",
      "confirm",
    );
    await eventually(() => t.slack.messages(AGENTS).length === 1, "the root message");
    const root = t.slack.messages(AGENTS)[0]!;

    const body = longText(4000, "configuration");
    expect(body.length).toBe(4000);
    const reply = t.slack.userPosts(AGENTS, AGENT, body, root.ts);
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
    await replyQueued(t, AGENTS, reply.ts);
    t.advance(16_000);
    await eventually(
      () => rita.chat().some((m) => m.includes("To reply, send TKT-000001")),
      "the reply on Telegram",
    );
    const parts = rita.chat().filter((m) => m.includes("configuration"));
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n").replace(/\s+/g, " ")).toContain(body.replace(/\s+/g, " "));
    const stored = await t.service.core.service.detail(
      { kind: "agent", id: "slack:U0AGENT", name: "Carla" },
      "TKT-000001",
    );
    if (!stored.ok) throw new Error("ticket not found");
    expect(stored.value.events.filter((e) => e.kind === "MESSAGE").at(-1)?.body).toBe(body);

    await rita.say("/reply TKT-000001", "x".repeat(1001));
    expect(rita.chat().at(-1)).toContain("at most 1000 characters");
  });
});
