import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWith } from "../support/pg-database-for-service.js";
import { payloads } from "./support/payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { telegramSupplier } from "./support/supplier.js";

/** The one kind of link chamado writes on purpose: a ticket id linking to its thread in the workspace. */
const OWN_LINK = /<https:\/\/[a-z0-9-]+\.slack\.com\/archives\/[A-Z0-9]+\/p\d+\|TKT-\d{6}>/g;

/**
 * Every string of a Web API call that Slack parses for mentions and links: a message's `text`, and
 * the text of mrkdwn objects (sections, fields, context). plain_text objects, ids and values are
 * shown or used as they are, so they may hold anything.
 */
const parsedStrings = (value: unknown, key = ""): string[] => {
  if (typeof value === "string") return key === "text" ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => parsedStrings(v, key));
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (record.type === "plain_text") return [];
  return Object.entries(record).flatMap(([k, v]) =>
    k === "metadata" || k === "value" || k === "private_metadata" ? [] : parsedStrings(v, k),
  );
};

describeWith({ pg: true }, "Slack: what suppliers type never pings or disguises a link", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = (await startSlackService())!;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("escapes subject, message, names and assignee in every payload posted, updated and published", async () => {
    const mallory = telegramSupplier(t, {
      userId: 666_001,
      firstName: "<!everyone> Mallory",
      languageCode: "en",
      inGroup: false,
    });
    await mallory.say(
      "new",
      "<!channel> hi",
      "technical",
      "high",
      "incident",
      "<@U0AGENT> call <http://evil.example|your bank> now <!here> & <#C0AGENTS> <!subteam^S0AGENTS>",
      "skip",
      "confirm",
    );
    await eventually(() => t.slack.messages(AGENTS).length === 1, "the root message");
    const root = t.slack.messages(AGENTS)[0]!;
    expect(root.text).toBe("TKT-000001: &lt;!channel&gt; hi");

    // A second message from the supplier goes into the thread; an assignee set through another door
    // with an id that is no Slack user and a hostile name changes the root and adds a thread line.
    await mallory.say("<!here> any news? <https://evil.example>", "yes");
    await t.service.core.service.assign({ kind: "system" }, "TKT-000001", {
      assignee: { id: "slack:U0X> <!here", name: "<!channel> Eve" },
    });
    await eventually(() => t.slack.thread(AGENTS, root.ts).length >= 2, "the thread posts");
    await eventually(() => t.slack.calls("chat.update").length >= 1, "the root refreshed");
    await t.event(payloads.appHomeOpened(AGENT));
    await eventually(() => t.slack.views().some((v) => v.userId === AGENT), "the agent's home");

    const calls = ["chat.postMessage", "chat.update", "chat.postEphemeral", "views.publish"].flatMap((m) =>
      t.slack.calls(m),
    );
    const texts = calls.flatMap((call) => parsedStrings(call.args));
    expect(texts.length).toBeGreaterThan(10);
    const posted = texts.join("\n");
    for (const shown of [
      "&lt;!channel&gt; hi",
      "&lt;http://evil.example|your bank&gt;",
      "&lt;!everyone&gt; Mallory",
    ])
      expect(posted).toContain(shown);
    const offending = texts.filter((text) => text.replace(OWN_LINK, "").includes("<"));
    expect(offending).toEqual([]);
  });
});
