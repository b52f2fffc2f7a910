import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValues, payloads } from "../../testkit/slack-payloads.js";
import { once } from "../support/once.js";
import {
  AGENT,
  AGENTS,
  eventually,
  REQUESTER,
  replyQueued,
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
    t = await startSlackService({}, { storage: "postgres" });
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

  /** While active, the requester opens ticket 1 by the form; then an operator deactivates them. */
  const openThenDeactivate = once(async () => {
    const status = (await submit("VPN drops every hour")).status;
    await eventually(() => t.slack.messages(dm).length === 1, "the DM thread");
    dmRoot = t.slack.messages(dm)[0]!;
    const contact = await t.service.core.directory.findContact("SLACK", REQUESTER);
    await t.service.core.directory.setDeactivated(contact!.id, new Date());
    return status;
  });

  it("opens a ticket while active; once deactivated, the form, the DM thread and /ticket store nothing", async () => {
    expect(await openThenDeactivate()).toBe(200);
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

  it("an agent's reply to a deactivated requester is not sent: its outbox item ends with the reason", async () => {
    // The ticket the test above opens, and the deactivation, done here when this test runs first.
    expect(await openThenDeactivate()).toBe(200);
    // The root is posted by the outbox worker, maybe after the DM thread the step waited for.
    await eventually(() => t.slack.messages(AGENTS).length === 1, "the root message");
    const root = t.slack.messages(AGENTS)[0]!;
    const reply = t.slack.userPosts(AGENTS, AGENT, "Did the VPN settle down?", root.ts);
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
    const ticketId = (await t.ticket(1)).id;
    const item = () =>
      t.service.core.db!.prisma.outboxItem.findFirst({ where: { ticketId, kind: "agent_reply" } });
    await eventually(async () => (await item())?.state === "FAILED", "the reply's item to end");
    expect((await item())?.lastError).toBe("not sent: the contact was deactivated");
    expect(t.slack.thread(dm, dmRoot.ts).some((m) => m.text.includes("Did the VPN settle down?"))).toBe(
      false,
    );
    // Nothing failed, so the agents are not told of a delivery failure.
    const kinds = (await t.service.core.tickets.events(ticketId)).map((e) => e.kind);
    expect(kinds).not.toContain("DELIVERY_FAILED");
  });
});
