import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  OUTSIDER,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

type Json = Record<string, unknown>;

/** The saved replies the tests use; saving one again under its name rewrites it as it was. */
const ASK_LOGS = {
  name: "ask-logs",
  pt: "Olá {{requester_name}}, envie os logs do {{ticket_id}} ({{subject}}). — {{agent_name}}, {{department}}",
  en: "Hi {{requester_name}}, please send the logs of {{ticket_id}} ({{subject}}). — {{agent_name}}, {{department}}",
};
const FIXED = {
  name: "fixed",
  department: "technical",
  pt: "Resolvido, {{requester_name}}!",
  status: "SOLVED",
};
type Button = { action_id: string; value: string };

describe("Slack: saved replies", () => {
  let t: SlackTestService;
  let supplier = 620_000;
  let ids = 0;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const chatOf = (chatId: number) => t.telegram.messages(chatId).map((m) => m.text);
  const input = (value: string) => ({ value: { type: "plain_text_input", value } });
  const picked = (value: string) => ({ value: { type: "static_select", selected_option: { value } } });
  /** Submits a view of ours as `user`; returns Slack's ack body (field errors) or null. */
  const submit = async (
    callbackId: string,
    values: Record<string, Json>,
    privateMetadata = "",
    user = AGENT,
  ) => {
    const body = payloads.submission({ user, values, privateMetadata });
    (body.view as Json).callback_id = callbackId;
    const response = await t.interact(body);
    expect(response.status).toBe(200);
    const text = await response.text();
    return text ? (JSON.parse(text) as Json) : null;
  };
  const saveReply = (fields: {
    name: string;
    department?: string;
    pt?: string;
    en?: string;
    status?: string;
  }) =>
    submit("saved_reply_manage", {
      name: input(fields.name),
      department: picked(fields.department ?? "*"),
      text_pt: input(fields.pt ?? ""),
      text_en: input(fields.en ?? ""),
      status: picked(fields.status ?? "-"),
    });
  const command = async (text: string, user = AGENT) => {
    const id = `sr-${++ids}`;
    expect((await t.command(user, text, id)).status).toBe(200);
    await eventually(() => t.slack.responses(id).length > 0, `the answer to /ticket ${text}`);
    return t.slack.responses(id)[0]!.body;
  };
  const press = async (button: Button, user = AGENT) => {
    const id = `sr-${++ids}`;
    const payload = payloads.action({
      user,
      actionId: button.action_id,
      value: button.value,
      responseUrl: t.slack.responseUrl(id),
    });
    expect((await t.interact(payload)).status).toBe(200);
    await eventually(() => t.slack.responses(id).length > 0, `the answer to ${button.action_id}`);
    return t.slack.responses(id)[0]!.body;
  };
  const buttonsOf = (blocks: unknown) => ((blocks as Json[])[1] as { elements: Button[] }).elements;

  it("is managed in a form that refuses unknown variables, and opened by /ticket saved-replies", async () => {
    expect((await t.command(AGENT, "saved-replies", "sr-form")).status).toBe(200);
    await eventually(
      () => t.slack.views().some((v) => v.view.callback_id === "saved_reply_manage"),
      "the form",
    );
    const refused = await saveReply({ name: "Bad Name!", en: "Hi {{nome}}" });
    expect(refused).toEqual({
      response_action: "errors",
      errors: { name: expect.any(String), text_en: expect.stringContaining("{{requester_name}}") },
    });
    expect(await saveReply({ name: "empty" })).toEqual({
      response_action: "errors",
      errors: { text_pt: "texts: required." },
    });
    const saved = await saveReply(ASK_LOGS);
    expect(saved).toBeNull();
    expect((await t.service.core.storage.savedReplies.find("ask-logs"))?.updatedBy).toBe("Carla");
    // Only agents manage them.
    expect(await command("saved-replies list", OUTSIDER)).toMatchObject({
      text: "Only agents (members of the agents' channel) can change tickets.",
    });
    expect(String((await command("saved-replies list")).text)).toContain("*ask-logs*");
  });

  it("/ticket reply-with previews the filled-in text privately; Send relays it after the grace period", async () => {
    // Saved by the first test; saved here too, so this one does not need it to run first.
    expect(await saveReply(ASK_LOGS)).toBeNull();
    const { ticket, ref, root, chatId } = await supplierTicket(t, ++supplier, "VPN drops");
    const preview = await command(`reply-with ask-logs ${ref}`);
    expect(preview.response_type).toBe("ephemeral");
    const expected = `Hi Supplier ${supplier}, please send the logs of ${ref} (VPN drops). — Carla, Technical`;
    expect(preview.text).toBe(
      `Saved reply *ask-logs* for ${ref} (en). Only you see this preview:\n>${expected}`,
    );
    expect(chatOf(chatId)).toEqual([]);
    const [send] = buttonsOf(preview.blocks);
    expect(await press(send!)).toEqual({
      replace_original: true,
      text: `Sent to ${ref}; it goes out in 15 s.`,
    });
    // A second click on the same preview sends nothing more.
    await press(send!);
    const items = (await t.outbox()).filter((i) => i.ticketId === ticket.id && i.kind === "agent_reply");
    expect(items.map((i) => i.state)).toEqual(["PENDING"]);
    expect(chatOf(chatId)).toEqual([]);
    t.advance(16_000);
    await eventually(() => chatOf(chatId).length === 1, "the reply on Telegram");
    expect(chatOf(chatId)[0]).toContain(expected);
    expect((await t.ticket(ticket.number)).status).toBe("WAITING_ON_REQUESTER");
    await eventually(
      () =>
        t.slack
          .thread(AGENTS, root.ts)
          .some((m) => m.text.startsWith(`📨 <@${AGENT}> sent the saved reply *ask-logs*`)),
      "the line in the thread",
    );
  });

  it("speaks the requester's language, may set a status, and is limited to its department", async () => {
    await saveReply(FIXED);
    await saveReply({ name: "quote", department: "sales", en: "Here is your quote." });
    const { ticket, ref, chatId } = await supplierTicket(t, ++supplier, "Printer jams");
    await t.service.core.directory.setLocale(ticket.requester.contactId, "pt-BR");
    expect(await command(`reply-with quote ${ref}`)).toMatchObject({
      text: "Not done: There is no saved reply named quote.",
    });
    const preview = await command(`reply-with fixed ${ref}`);
    expect(preview.text).toBe(
      `Saved reply *fixed* for ${ref} (pt-BR), then status *Solved*. Only you see this preview:\n>Resolvido, Supplier ${supplier}!`,
    );
    await press(buttonsOf(preview.blocks)[0]!);
    t.advance(16_000);
    await eventually(() => chatOf(chatId).length === 2, "the reply and the rating request");
    expect(chatOf(chatId)[0]).toContain("Resolvido, Supplier");
    expect((await t.ticket(ticket.number)).status).toBe("SOLVED");
  });

  it("the message shortcut in a ticket's thread offers the department's saved replies; Cancel sends nothing", async () => {
    // Saved by the tests above; saved here too, so this one does not need them to run first.
    expect(await saveReply(ASK_LOGS)).toBeNull();
    expect(await saveReply(FIXED)).toBeNull();
    const { ticket, ref, root, chatId } = await supplierTicket(t, ++supplier, "Laptop fan");
    const message = t.slack.userPosts(AGENTS, AGENT, "Which model is it?", root.ts);
    const shortcut = payloads.messageShortcut({
      user: AGENT,
      channel: AGENTS,
      ts: message.ts,
      threadTs: root.ts,
      responseUrl: t.slack.responseUrl("shortcut"),
    });
    expect((await t.interact(shortcut)).status).toBe(200);
    const pickView = () => t.slack.views().findLast((v) => v.view.callback_id === "saved_reply_pick");
    await eventually(() => pickView()?.view.private_metadata === String(ticket.number), "the pick form");
    const options = (pickView()!.view.blocks as { element: { options: { value: string }[] } }[])[0]!.element
      .options;
    expect(options.map((o) => o.value)).toEqual(["ask-logs", "fixed"]);
    expect(await submit("saved_reply_pick", { reply: picked("ask-logs") }, String(ticket.number))).toBeNull();
    const notice = () => t.slack.ephemerals().find((e) => e.user === AGENT && e.threadTs === root.ts);
    await eventually(() => notice() !== undefined, "the preview in the thread");
    expect(notice()!.text).toContain(`Saved reply *ask-logs* for ${ref} (en)`);
    const cancel = buttonsOf(notice()!.blocks)[1]!;
    expect(await press(cancel)).toEqual({ replace_original: true, text: "Not sent." });
    t.advance(16_000);
    expect((await t.outbox()).filter((i) => i.ticketId === ticket.id && i.kind === "agent_reply")).toEqual(
      [],
    );
    expect(chatOf(chatId)).toEqual([]);
  });
});
