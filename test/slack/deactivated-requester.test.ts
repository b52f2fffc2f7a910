import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValues, payloads } from "../../testkit/slack-payloads.js";
import {
  AGENTS,
  eventually,
  REQUESTER,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";

const REFUSED =
  "Your access to support here has been deactivated, so this message was not recorded. If you think this is a mistake, ask your support contact to invite you again.";

describe("Slack: a deactivated internal requester is refused on every requester path", () => {
  let t: SlackTestService;
  const dm = `D${REQUESTER}`;
  let dmRoot: { ts: string };
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const submit = (subject: string) =>
    t.interact(
      payloads.submission({
        user: REQUESTER,
        values: formValues({
          subject,
          department: "technical",
          priority: "LOW",
          type: "support",
          message: "Details follow.",
        }),
      }),
    );
  const eventCount = async () => (await t.service.core.tickets.events((await t.ticket(1)).id)).length;

  it("opens a ticket while active; once deactivated, the form, the DM thread and /ticket store nothing", async () => {
    expect((await submit("VPN drops every hour")).status).toBe(200);
    await eventually(() => t.slack.messages(dm).length === 1, "the DM thread");
    dmRoot = t.slack.messages(dm)[0]!;
    const contact = await t.service.core.directory.findContact("SLACK", REQUESTER);
    await t.service.core.directory.setDeactivated(contact!.id, new Date());
    const events = await eventCount();

    expect((await submit("A second ticket")).status).toBe(200);
    await eventually(() => t.slack.messages(dm).some((m) => m.text === REFUSED), "the refusal in the DM");
    expect(await t.service.core.tickets.findByNumber(2)).toBeNull();

    const answer = t.slack.userPosts(dm, REQUESTER, "Any news?", dmRoot.ts);
    await t.event(
      payloads.directMessage({
        channel: dm,
        user: REQUESTER,
        text: answer.text,
        ts: answer.ts,
        threadTs: dmRoot.ts,
      }),
    );
    await eventually(
      () => t.slack.thread(dm, dmRoot.ts).some((m) => m.text === REFUSED),
      "the refusal in the ticket's thread",
    );
    expect(t.slack.reactions(dm, answer.ts)).toEqual([]);

    expect((await t.command(REQUESTER, "reply TKT-000001 Still broken.", "reply")).status).toBe(200);
    await eventually(() => t.slack.responses("reply").length > 0, "the answer to /ticket reply");
    expect(t.slack.responses("reply")[0]!.body).toMatchObject({ response_type: "ephemeral", text: REFUSED });
    expect(await eventCount()).toBe(events);
    expect(
      t.slack.thread(AGENTS, t.slack.messages(AGENTS)[0]!.ts).some((m) => m.text.includes("Any news?")),
    ).toBe(false);
  });
});
