import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseUpdate } from "../../src/adapters/telegram/parse.js";
import { FAKE_BOT } from "../../testkit/fake-telegram-api.js";
import { createUpdates, GROUP, type Person } from "../../testkit/telegram-updates.js";

const bot = { id: FAKE_BOT.id, username: FAKE_BOT.username };
const ana: Person = { userId: 1111, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const anaInGroup: Person = { ...ana, inGroup: true };

const inputOf = (update: unknown) => {
  const event = parseUpdate(update, bot);
  return event?.kind === "message" && event.content.kind === "input" ? event.content.input : null;
};

describe("Telegram updates as the engine's messages", () => {
  const updates = createUpdates();

  it("takes identity from the update's verified fields and keys messages for good", () => {
    const update = updates.text(ana, "oi");
    const event = parseUpdate(update, bot);
    const message = update.message as { message_id: number };
    expect(event).toMatchObject({
      kind: "message",
      chatId: 1111,
      group: false,
      from: { platformUserId: "1111", displayName: "Ana", locale: "pt-br" },
      organization: null,
      messageId: `${bot.id}:1111:${message.message_id}`,
      content: { kind: "input", input: { kind: "text", text: "oi" } },
    });
  });

  it("answers an anonymous group admin as the group, and leaves other bots and channel posts alone", () => {
    const anonymous = updates.text({ ...anaInGroup, anonymous: true }, "@chamado_test_bot novo");
    expect(parseUpdate(anonymous, bot)).toMatchObject({
      kind: "message",
      chatId: GROUP.id,
      group: true,
      anonymousAdmin: true,
      from: { platformUserId: `${GROUP.id}:1087968824`, displayName: GROUP.title },
      organization: { key: `telegram:${GROUP.id}` },
    });
    // A channel posting in its discussion group: sender_chat is the channel, not this group.
    const channelPost = structuredClone(anonymous) as { message: Record<string, unknown> };
    channelPost.message.sender_chat = { id: -1009999999999, title: "Canal", type: "channel" };
    channelPost.message.from = { id: 777000, is_bot: true, first_name: "Telegram" };
    expect(parseUpdate(channelPost, bot)).toBeNull();
    const otherBot = structuredClone(anonymous) as { message: Record<string, unknown> };
    otherBot.message.sender_chat = undefined;
    expect(parseUpdate(otherBot, bot)).toBeNull();
  });

  it("maps commands, deep links and /reply", () => {
    expect(inputOf(updates.text(ana, "/ticket TKT-000001"))).toEqual({
      kind: "command",
      name: "ticket",
      args: ["TKT-000001"],
    });
    expect(inputOf(updates.text(ana, "/start TKT-000042"))).toEqual({
      kind: "command",
      name: "ticket",
      args: ["TKT-000042"],
    });
    expect(inputOf(updates.text(ana, "/start new"))).toEqual({ kind: "command", name: "new", args: [] });
    expect(inputOf(updates.text(ana, "/start something-else"))).toEqual({
      kind: "command",
      name: "start",
      args: [],
    });
    expect(inputOf(updates.text(ana, "/reply TKT-000007"))).toEqual({ kind: "choice", id: "reply:7" });
    expect(inputOf(updates.text(ana, "/reply"))).toEqual({ kind: "command", name: "tickets", args: [] });
    expect(inputOf(updates.text(ana, `/language@${FAKE_BOT.username} en`))).toEqual({
      kind: "command",
      name: "language",
      args: ["en"],
    });
    expect(parseUpdate(updates.text(ana, "/new@another_bot"), bot)).toBeNull();
  });

  it("in a group, reads only what is addressed to the bot, as a contact of the group's organization", () => {
    expect(parseUpdate(updates.text(anaInGroup, "bom dia, pessoal"), bot)).toBeNull();
    expect(parseUpdate(updates.text(anaInGroup, `@someone_else novo`), bot)).toBeNull();
    const mentioned = parseUpdate(updates.text(anaInGroup, `@${FAKE_BOT.username} novo`), bot);
    expect(mentioned).toMatchObject({
      chatId: GROUP.id,
      group: true,
      from: { platformUserId: `${GROUP.id}:1111` },
      organization: { key: `telegram:${GROUP.id}`, name: GROUP.title },
      content: { kind: "input", input: { kind: "text", text: "novo" } },
    });
    const alone = parseUpdate(updates.text(anaInGroup, `@${FAKE_BOT.username}`), bot);
    expect(alone).toMatchObject({ content: { input: { kind: "command", name: "menu" } } });
    const reply = updates.text(anaInGroup, "Sistema fora do ar", { message_id: 9, from: { ...FAKE_BOT } });
    expect(inputOf(reply)).toEqual({ kind: "text", text: "Sistema fora do ar" });
    expect(inputOf(updates.text(anaInGroup, "/tickets"))).toEqual({
      kind: "command",
      name: "tickets",
      args: [],
    });
  });

  it("describes files with the size Telegram reports and keeps the caption", () => {
    const photo = parseUpdate(
      updates.photo(ana, { file_id: "big", file_unique_id: "u", file_size: 4096 }, "Tela"),
      bot,
    );
    expect(photo).toMatchObject({
      content: {
        kind: "files",
        caption: "Tela",
        files: [{ fileId: "big", mimeType: "image/jpeg", size: 4096 }],
      },
    });
    const long = `${"a".repeat(300)}.pdf`;
    const doc = parseUpdate(
      updates.document(ana, { file_id: "d", file_unique_id: "u", file_size: 10 }, long, "application/pdf"),
      bot,
    );
    const name =
      doc?.kind === "message" && doc.content.kind === "files" ? doc.content.files[0]!.fileName : "";
    expect(name).toHaveLength(200);
    expect(name.endsWith(".pdf")).toBe(true);
  });

  it("leaves bots, channels and edits alone, and never throws on anything else", () => {
    const fromBot = updates.text(ana, "oi");
    (fromBot.message as { from: { is_bot: boolean } }).from.is_bot = true;
    expect(parseUpdate(fromBot, bot)).toBeNull();
    expect(
      parseUpdate(
        { update_id: 5, edited_message: (updates.text(ana, "x") as { message: unknown }).message },
        bot,
      ),
    ).toBeNull();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseUpdate(value, bot);
        parseUpdate({ update_id: 1, message: value }, bot);
        parseUpdate({ update_id: 1, callback_query: value }, bot);
      }),
      { numRuns: 300 },
    );
  });

  it("a tap in a group knows whose question it answered", () => {
    const question = { messageId: 77, chatId: GROUP.id, text: "Para qual departamento?", replyTo: 12 };
    const event = parseUpdate(
      updates.callback({ ...anaInGroup, userId: 2222 }, question, "dep.sales", {
        id: 1111,
        is_bot: false,
        first_name: "Ana",
      }),
      bot,
    );
    expect(event).toMatchObject({
      kind: "callback",
      userId: 2222,
      addressee: { id: 1111, name: "Ana" },
      replyToMessageId: 12,
      data: "dep.sales",
    });
  });
});
