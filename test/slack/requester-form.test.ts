import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValues, payloads } from "../../testkit/slack-payloads.js";
import { once } from "../support/once.js";
import {
  AGENTS,
  eventually,
  REQUESTER,
  SALES,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";

type View = { callback_id?: string; blocks?: { block_id?: string; type: string }[] };

describe("Slack: /ticket and its form", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("/ticket opens the form with the trigger it came with, and the command is answered empty", async () => {
    const before = t.slack.calls("views.open").length;
    const response = await t.command(REQUESTER, "");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await eventually(() => t.slack.calls("views.open").length > before, "views.open");
    const call = t.slack.calls("views.open").at(-1)!;
    expect(String(call.args.trigger_id)).toMatch(/^trigger-/);
    const view = call.args.view as View;
    expect(view.callback_id).toBe("ticket_modal");
    expect(view.blocks?.map((b) => b.block_id)).toEqual([
      "subject",
      "department",
      "priority",
      "type",
      "message",
      "attachments",
    ]);
  });

  it("a submission with errors answers them under their fields and stores nothing", async () => {
    const before = (await t.service.core.service.list({ kind: "system" }, { limit: 10 })).items;
    const response = await t.interact(
      payloads.submission({
        user: REQUESTER,
        values: formValues({
          subject: "ab",
          department: "technical",
          priority: null,
          type: "bug",
          message: "",
        }),
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors).toEqual({
      subject: "Subject: use at least 3 characters (you used 2).",
      priority: "Priority: required.",
      message: "Message: required.",
    });
    expect((await t.service.core.service.list({ kind: "system" }, { limit: 10 })).items).toEqual(before);
  });

  /** The requester submits a valid form: ticket 1, in sales. */
  const submitValid = once(async () => {
    const response = await t.interact(
      payloads.submission({
        user: REQUESTER,
        values: formValues({
          subject: "Printer on 3rd floor jams",
          department: "sales",
          priority: "HIGH",
          type: "incident",
          message: "It jams on every page.",
        }),
      }),
    );
    return { status: response.status, text: await response.text() };
  });

  it("a valid submission creates the ticket, starts its DM thread and posts it to the department's agents' channel", async () => {
    const response = await submitValid();
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    await eventually(() => t.slack.messages(SALES).length === 1, "the root message in the sales channel");
    const ticket = await t.ticket(1);
    expect(ticket).toMatchObject({
      subject: "Printer on 3rd floor jams",
      department: "sales",
      priority: "HIGH",
      channel: "SLACK",
    });
    const root = t.slack.messages(SALES)[0]!;
    expect(root.text).toBe("TKT-000001: Printer on 3rd floor jams");
    const texts = JSON.stringify(root.blocks);
    for (const part of [
      "Assign to me",
      "Escalate to tech",
      "ticket_status",
      "ticket_priority",
      "It jams on every page.",
      "Ana (Slack)",
    ]) {
      expect(texts).toContain(part);
    }
    // The DM thread is started by the form's handler, the root by the outbox worker: either may come first.
    await eventually(() => t.slack.messages(`D${REQUESTER}`).length > 0, "the DM thread");
    const dm = t.slack.messages(`D${REQUESTER}`);
    expect(dm.map((m) => m.text)).toEqual([
      "🎫 *TKT-000001* — Printer on 3rd floor jams\nYour ticket is open. Support's replies and status changes arrive in this thread.\nReply in this thread to add a message or files to the ticket.",
    ]);
    await eventually(async () => (await t.link(1, "agents"))?.ts === root.ts, "thread ref stored");
    expect(await t.link(1, "agents")).toEqual({ channel: SALES, ts: root.ts });
    await eventually(async () => (await t.link(1, "dm")) !== null, "DM thread ref stored");
    expect(await t.link(1, "dm")).toEqual({ channel: `D${REQUESTER}`, ts: dm[0]!.ts });
    expect(t.slack.messages(AGENTS)).toEqual([]);
  });

  it("when Slack fails while handling a button, the person is told (only them) and nothing changes", async () => {
    // Ticket 1, as the test above opens it; opened here when this test runs first.
    expect((await submitValid()).status).toBe(200);
    await eventually(() => t.slack.messages(SALES).length === 1, "the root message in the sales channel");
    // The bot was removed from the agents' channel: Slack refuses to list its members.
    t.slack.fault("conversations.members", { error: "not_in_channel" });
    const press = payloads.action({
      user: "U0AGENT",
      actionId: "ticket_assign_me",
      value: "1",
      responseUrl: t.slack.responseUrl("broken"),
    });
    expect((await t.interact(press)).status).toBe(200);
    await eventually(() => t.slack.responses("broken").length === 1, "the apology");
    expect(t.slack.responses("broken")[0]!.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "Sorry, something went wrong on our side. Please try again in a moment.",
    });
    expect((await t.ticket(1)).assignee).toBeNull();
  });
});
