import { afterAll, beforeAll, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { injectedMarkup, parsedStrings, SLACK_WRITES } from "../support/slack-parsed-text.js";
import {
  AGENT,
  AGENTS,
  eventually,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { telegramSupplier } from "./support/supplier.js";

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

    const calls = SLACK_WRITES.flatMap((m) => t.slack.calls(m));
    const texts = calls.flatMap((call) => parsedStrings(call.args));
    expect(texts.length).toBeGreaterThan(10);
    const posted = texts.join("\n");
    for (const shown of [
      "&lt;!channel&gt; hi",
      "&lt;http://evil.example|your bank&gt;",
      "&lt;!everyone&gt; Mallory",
    ])
      expect(posted).toContain(shown);
    expect(injectedMarkup(calls)).toEqual([]);
  });
});
