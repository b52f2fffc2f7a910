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

const PNG = new Uint8Array(Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));

describe("Slack: an internal requester follows a ticket from Slack", () => {
  let t: SlackTestService;
  let dm: string;
  let root: { ts: string };
  let dmRoot: { ts: string };
  beforeAll(async () => {
    t = await startSlackService();
    dm = `D${REQUESTER}`;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const answers = (id: string) => t.slack.responses(id).map((r) => String(r.body.text));
  const command = async (text: string, id: string) => {
    expect((await t.command(REQUESTER, text, id)).status).toBe(200);
    await eventually(() => t.slack.responses(id).length > 0, `the answer to /ticket ${text}`);
    return answers(id)[0]!;
  };

  /**
   * One story told in steps: each test runs its step once, after the steps before it (run here if
   * they have not run yet), so it passes alone, in file order or shuffled.
   */
  const openedWithFile = once(async () => {
    const screenshot = t.slack.hostFile("screen.png", PNG, "image/png");
    const response = await t.interact(
      payloads.submission({
        user: REQUESTER,
        values: formValues({
          subject: "Cannot log in to the ERP",
          department: "technical",
          priority: "HIGH",
          type: "incident",
          message: "Password expired?",
          files: [t.slack.fileObject(screenshot)],
        }),
      }),
    );
    expect(response.status).toBe(200);
    await eventually(
      () => t.slack.messages(AGENTS).length === 1 && t.slack.messages(dm).length === 1,
      "root and DM thread",
    );
    root = t.slack.messages(AGENTS)[0]!;
    dmRoot = t.slack.messages(dm)[0]!;
    const events = await t.service.core.tickets.events((await t.ticket(1)).id);
    expect(events[0]!.attachments.map((a) => a.fileName)).toEqual(["screen.png"]);
    // The file went into the root's thread through the external upload flow.
    await eventually(
      () => t.slack.uploads().some((u) => u.fileName === "screen.png" && u.threadTs === root.ts),
      "the upload",
    );
    expect(Buffer.from(t.slack.uploads().find((u) => u.fileName === "screen.png")!.bytes)).toEqual(
      Buffer.from(PNG),
    );
    expect(t.slack.calls("files.getUploadURLExternal")).toHaveLength(1);
    expect(t.slack.calls("files.completeUploadExternal")[0]!.args).toMatchObject({
      channel_id: AGENTS,
      thread_ts: root.ts,
    });
  });
  it("opens a ticket with a file through the form; it is followed in a DM thread", () => openedWithFile());

  const followedByCommand = once(async () => {
    await openedWithFile();
    expect(await command("help", "help")).toContain("*/ticket list* [open|answered|closed]");
    expect(await command("frobnicate", "bad")).toBe("I did not understand that. Try */ticket help*.");
    expect(await command("list open", "list")).toMatch(
      /^\*Your tickets \(open\):\*\n• \*TKT-000001\* — Cannot log in to the ERP · Open · High · Technical · opened \d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    // Filters by priority and department, in either language and any order; search ignores accents.
    expect(await command("list técnico ALTA abertos", "list-narrow")).toContain("*TKT-000001*");
    expect(await command("list low", "list-low")).toBe("No tickets here yet.");
    const found = await command("search érp CANNOT", "search");
    expect(found).toContain("Filtered by: “érp CANNOT”");
    expect(found).toContain("*TKT-000001* — Cannot log in to the ERP");
    expect(await command("search invoice", "search-none")).toBe(
      "No tickets here yet.\nFiltered by: “invoice”",
    );
    expect(await command("numbers", "numbers")).toBe(
      "Your numbers:\nTotal: 1\nOpen: 1\nAnswered: 0\nClosed: 0\nHigh priority (not closed): 1",
    );
    expect(t.slack.responses("list")[0]!.body.response_type).toBe("ephemeral");
    const detail = await command("TKT-000001", "detail");
    expect(detail).toContain("*TKT-000001 — Cannot log in to the ERP*\nStatus: Open (New)\nPriority: High");
    expect(detail).toContain("*History:*");
    expect(detail).toMatch(/You: Password expired\? \[attachments: screen\.png\]/);
    expect(detail).toContain("*Time in each status:*\nNew: 0 min");
    expect(await command("TKT-000099", "missing")).toBe("I could not find ticket TKT-000099.");
    expect(await command("reply TKT-000001 I also tried the reset link.", "reply")).toBe(
      "Reply sent on ticket TKT-000001.",
    );
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text.includes("I also tried the reset link.")),
      "the reply in the agents' thread",
    );
  });
  it("lists, shows, replies to and closes tickets with /ticket, answering only the requester", () =>
    followedByCommand());

  const answeredInThreads = once(async () => {
    await followedByCommand();
    const reply = t.slack.userPosts(AGENTS, AGENT, "Your password was reset, try again.", root.ts);
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
    await eventually(() => t.slack.thread(dm, dmRoot.ts).length === 1, "the reply in the DM thread");
    expect(t.slack.thread(dm, dmRoot.ts)[0]!.text).toBe(
      "💬 TKT-000001 — reply from Carla:\nYour password was reset, try again.\n\nReply in this thread to answer.",
    );
    await eventually(() => t.slack.reactions(AGENTS, reply.ts).join() === "outbox_tray", "sent");

    const proof = t.slack.hostFile("works.png", PNG, "image/png");
    const answer = t.slack.userPosts(dm, REQUESTER, "Works now, thanks!", dmRoot.ts, [proof]);
    const event = payloads.directMessage({
      channel: dm,
      user: REQUESTER,
      text: answer.text,
      ts: answer.ts,
      threadTs: dmRoot.ts,
    });
    await t.event({ ...event, subtype: "file_share", files: [t.slack.fileObject(proof)] });
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text === "💬 *Ana* (Slack):\n>Works now, thanks!"),
      "the answer in the agents' thread",
    );
    await eventually(
      () => t.slack.uploads().some((u) => u.fileName === "works.png" && u.threadTs === root.ts),
      "its file in the thread",
    );
    // The mark is added after the answer is recorded, while the worker may already be relaying it.
    await eventually(() => t.slack.reactions(dm, answer.ts).length > 0, "the received mark");
    expect(t.slack.reactions(dm, answer.ts)).toEqual(["white_check_mark"]);
  });
  it("an agent's reply reaches the requester's DM thread; the requester's answer there reaches the agents", () =>
    answeredInThreads());

  const closedAndRated = once(async () => {
    await answeredInThreads();
    const response = await t.interact(
      payloads.action({
        user: AGENT,
        actionId: "ticket_close",
        value: "1",
        responseUrl: t.slack.responseUrl("close"),
      }),
    );
    expect(response.status).toBe(200);
    await eventually(
      () => t.slack.thread(dm, dmRoot.ts).some((m) => m.blocks.length > 0),
      "the rating question",
    );
    // The status change arrives in the same thread, before the question.
    expect(
      t.slack
        .thread(dm, dmRoot.ts)
        .map((m) => m.text)
        .slice(-2, -1),
    ).toEqual(['🔔 TKT-000001 "Cannot log in to the ERP": Solved.']);
    const question = t.slack.thread(dm, dmRoot.ts).find((m) => m.blocks.length > 0)!;
    expect(question.text).toBe(
      "How would you rate the support on ticket TKT-000001 (Cannot log in to the ERP)?",
    );
    expect(JSON.stringify(question.blocks)).toContain('"value":"1:5"');
    const rate = await t.interact(
      payloads.action({
        user: REQUESTER,
        actionId: "ticket_rate_5",
        value: "1:5",
        responseUrl: t.slack.responseUrl("rate"),
      }),
    );
    expect(rate.status).toBe(200);
    await eventually(() => t.slack.responses("rate").length === 1, "the thanks");
    expect(t.slack.responses("rate")[0]!.body).toEqual({
      replace_original: true,
      text: "Rating for ticket TKT-000001 recorded. Thank you!",
    });
    expect((await t.ticket(1)).rating).toEqual({ score: 5, comment: null });
    expect(await command("close TKT-000001", "close-again")).toBe("Ticket TKT-000001 is closed.");
  });
  it("closing by an agent asks the requester for a rating in the DM thread; the buttons record it", () =>
    closedAndRated());

  const openedFromMessage = once(async () => {
    await closedAndRated();
    const log = t.slack.hostFile(
      "error.txt",
      new TextEncoder().encode("Error 500 at checkout\n"),
      "text/plain",
    );
    const marked = t.slack.userPosts(
      "C0GENERAL",
      "U0SOMEONE",
      "Checkout fails\nEvery order since 9am fails with error 500.",
      undefined,
      [log],
    );
    await t.event(payloads.reactionAdded({ user: REQUESTER, channel: "C0GENERAL", ts: marked.ts }));
    await eventually(
      () =>
        t.slack
          .calls("chat.postEphemeral")
          .some((c) => c.args.user === REQUESTER && c.args.channel === "C0GENERAL"),
      "the offer",
    );
    const offer = t.slack.calls("chat.postEphemeral").find((c) => c.args.channel === "C0GENERAL")!;
    const button = (offer.args.blocks as { elements?: { action_id: string; value: string }[] }[])[1]!
      .elements![0]!;
    expect(button.action_id).toBe("ticket_open_from_message");

    const opens = t.slack.calls("views.open").length;
    await t.interact(
      payloads.action({
        user: REQUESTER,
        actionId: button.action_id,
        value: button.value,
        responseUrl: t.slack.responseUrl("offer"),
      }),
    );
    await eventually(() => t.slack.calls("views.update").length > 0, "the filled form");
    // The loading form was opened first, inside the trigger's window, then replaced.
    expect(t.slack.calls("views.open").length).toBe(opens + 1);
    const opened = t.slack.calls("views.open").at(-1)!.args.view as { callback_id: string };
    expect(opened.callback_id).toBe("ticket_modal_loading");
    const filled = t.slack.calls("views.update").at(-1)!.args.view as {
      blocks: Record<string, unknown>[];
      private_metadata: string;
    };
    expect(JSON.stringify(filled.blocks)).toContain('"initial_value":"Checkout fails"');
    expect(JSON.stringify(filled.blocks)).toContain("Every order since 9am fails with error 500.");
    expect(JSON.stringify(filled.blocks)).toContain("with its files: error.txt");

    await t.interact(
      payloads.submission({
        user: REQUESTER,
        privateMetadata: filled.private_metadata,
        values: formValues({
          subject: "Checkout fails",
          department: "sales",
          priority: "HIGH",
          type: "incident",
          message: "Every order since 9am fails with error 500.",
        }),
      }),
    );
    await eventually(async () => (await t.service.core.tickets.findByNumber(2)) !== null, "the ticket");
    const events = await t.service.core.tickets.events((await t.ticket(2)).id);
    expect(events[0]!.attachments.map((a) => a.fileName)).toEqual(["error.txt"]);
  });
  it(":ticket: on a message offers the form; the form opens at once and is filled from the message and its files", () =>
    openedFromMessage());

  const homesShown = once(async () => {
    await openedFromMessage();
    await t.event(payloads.appHomeOpened(AGENT));
    await eventually(
      () => t.slack.views().some((v) => v.method === "views.publish" && v.userId === AGENT),
      "the agent's home",
    );
    const home = JSON.stringify(
      t.slack
        .views()
        .filter((v) => v.userId === AGENT)
        .at(-1)!.view,
    );
    for (const part of [
      "Support dashboard",
      "*Total*\\n2",
      "*Closed*\\n1",
      "*High priority*\\n1",
      "SLA at risk",
      "home_filter_status",
      "home_filter_search",
      "My tickets",
    ]) {
      expect(home).toContain(part);
    }
    // Each line says when the ticket was opened and who replied last, in the reader's time zone.
    expect(home).toMatch(/created <!date\^\d+\^\{date_short\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/);
    expect(home).toMatch(/last reply <!date\^\d+\^\{date_short\} \{time\}\|[^>]+> by |no reply yet/);
    expect(home).toContain(`archives/C0AGENTS/p${root.ts.replace(".", "")}|TKT-000001>`);

    // Filtering by status republishes with the filter applied and kept.
    const filter = payloads.action({
      user: AGENT,
      actionId: "home_filter_status",
      value: "public:CLOSED",
      selected: true,
      responseUrl: t.slack.responseUrl("home"),
      view: {
        id: "VHOME",
        type: "home",
        state: {
          values: {
            home_filters: {
              home_filter_status: { type: "static_select", selected_option: { value: "public:CLOSED" } },
            },
          },
        },
      },
    });
    const before = t.slack.views().length;
    await t.interact(filter);
    await eventually(() => t.slack.views().length > before, "the filtered home");
    const filtered = JSON.stringify(t.slack.views().at(-1)!.view);
    expect(filtered).toContain("TKT-000001");
    expect(filtered).not.toContain("TKT-000002");
    expect(filtered).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Closed"},"value":"public:CLOSED"}',
    );

    await t.event(payloads.appHomeOpened(REQUESTER));
    await eventually(() => t.slack.views().some((v) => v.userId === REQUESTER), "the requester's home");
    const mine = JSON.stringify(t.slack.views().find((v) => v.userId === REQUESTER)!.view);
    expect(mine).toContain("Your tickets");
    expect(mine).toContain(`archives/${dm}/p${dmRoot.ts.replace(".", "")}|TKT-000001>`);
    expect(mine).not.toContain("Support dashboard");
  });
  it("App Home shows agents the dashboard and requesters their own tickets", () => homesShown());
});
