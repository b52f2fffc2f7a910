import { readFileSync } from "node:fs";
import { formatTicketId } from "../../../src/core/ticket/ticket-ref.js";
import { type ChatMessage, FAKE_BOT } from "../../../testkit/fake-telegram-api.js";
import { chatIdOf, createUpdates, type Person } from "../../../testkit/telegram-updates.js";
import { jpegHeader, tinyPdf, tinyPng, utf8 } from "../../files/support/samples.js";
import { renderChat } from "./chat-view.js";
import { AGENT, type TelegramTestService } from "./telegram-service.js";

/**
 * A Telegram chat, scripted one line per event, played through the webhook against the fake Bot API:
 *   as: <name> <language_code> [group [anonymous]]   who speaks next (private chat, the group, or the
 *                                        group as an anonymous admin: GroupAnonymousBot with sender_chat)
 *   user: text                           a text message (commands and @mentions included)
 *   reply: text                          a text message replying to the bot's last message
 *   tap: Label                           taps the button with that label on the bot's latest message showing it
 *   photo: name.jpg [| caption]          document: name.pdf [| caption]    ("huge-..." files claim 11 MB)
 *   redeliver: N                         Telegram delivers the previous update N more times
 *   bot: text                            appears in what the bot sent since the last event (checked in order)
 *   bot-not: text    silent:             (the bot sent nothing)    toast: text (the last tap's answer)
 *   sticker:                             a message the bot cannot read
 *   arrives: text                        like bot:, waiting for the outbox worker to deliver it (a file copy)
 *   check: tickets N | check: attachments N count | check: org N <organization key> | check: calls <method> N
 *   check: file N name <UTF-8 text the stored file holds>    check: requester N <display name>
 *   check: sent-document N name          the bot sent ticket N's file of that name as a document, its bytes intact
 * Lines starting with # are comments; the first one is the title.
 */
export interface ChatScript {
  readonly title: string;
  readonly lines: readonly { readonly no: number; readonly verb: string; readonly arg: string }[];
}

export const parseChatScript = (path: string): ChatScript => {
  let title = path;
  const lines: ChatScript["lines"][number][] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const line = raw.trimEnd();
      if (!line.trim()) return;
      if (line.startsWith("#")) {
        if (title === path) title = line.replace(/^#+\s*/, "");
        return;
      }
      const match = /^([a-z-]+):\s?(.*)$/.exec(line);
      if (!match) throw new Error(`${path}:${i + 1}: cannot read "${line}"`);
      lines.push({ no: i + 1, verb: match[1]!, arg: match[2]! });
    });
  return { title, lines };
};

const ELEVEN_MB = 11 * 1024 * 1024;

/** File bytes by name, the way a phone would send them. */
const fileBytes = (name: string): Uint8Array => {
  if (name.endsWith(".jpg")) return jpegHeader();
  if (name.endsWith(".png")) return tinyPng();
  if (name.endsWith(".pdf")) return tinyPdf();
  // A log saved on a Brazilian Windows machine: Windows-1252, with a curly quote and a euro sign.
  if (name.startsWith("latin1-"))
    return new Uint8Array([...Buffer.from("Relação de peças: ", "latin1"), 0x93, 0x80, 0x94, 0x0a]);
  if (name.endsWith(".txt")) return utf8(`Conteúdo de ${name}\n`);
  return new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
};

const PEOPLE_IDS: Record<string, number> = { ana: 1111, bruno: 2222, carol: 3333, dave: 4444 };

/** Plays a script; a failing line reports the chat so far as the person saw it. */
export const playChat = async (t: TelegramTestService, script: ChatScript, path: string) => {
  const updates = createUpdates();
  let person: Person = { userId: PEOPLE_IDS.ana!, firstName: "Ana", languageCode: "pt-br", inGroup: false };
  let last: Record<string, unknown> | null = null;
  let since = 0;
  let cursor = 0;
  const log: string[] = [];
  /** Who sent each of the people's messages, so a button's message knows whom it answered. */
  const authors = new Map<number, Record<string, unknown>>();

  const fail = (no: number, why: string): never => {
    throw new Error(`${path}:${no}: ${why}\n\n--- the chat so far ---\n${log.join("\n")}`);
  };
  const fresh = (): ChatMessage[] => t.api.messages(chatIdOf(person)).filter((m) => m.seq > since);
  const deliver = async (no: number, update: Record<string, unknown>, shown: string) => {
    since = t.api.calls().length;
    cursor = 0;
    last = update;
    const sent = update.message as { message_id: number; from: Record<string, unknown> } | undefined;
    if (sent) authors.set(sent.message_id, sent.from);
    const response = await t.post(update);
    if (response.status !== 200) fail(no, `webhook answered ${response.status}: ${await response.text()}`);
    log.push(
      `${person.firstName}> ${shown}`,
      ...renderChat(fresh())
        .split("\n")
        .map((l) => `   bot| ${l}`),
    );
  };
  const file = (arg: string) => {
    const [name = "", caption] = arg.split("|").map((s) => s.trim());
    const bytes = fileBytes(name);
    return {
      name,
      caption,
      stored: t.api.storeFile(bytes, name.startsWith("huge") ? ELEVEN_MB : bytes.byteLength),
    };
  };

  for (const { no, verb, arg } of script.lines) {
    switch (verb) {
      case "as": {
        const [name = "ana", languageCode = "pt-br", where, how] = arg.split(/\s+/);
        const id = PEOPLE_IDS[name] ?? fail(no, `unknown person ${name}`);
        person = {
          userId: id,
          firstName: name[0]!.toUpperCase() + name.slice(1),
          languageCode,
          inGroup: where === "group",
          anonymous: how === "anonymous",
        };
        break;
      }
      case "user":
        await deliver(no, updates.text(person, arg), arg);
        break;
      case "reply": {
        const bot = t.api.messages(chatIdOf(person)).at(-1) ?? fail(no, "no bot message to reply to");
        await deliver(
          no,
          updates.text(person, arg, { message_id: bot.messageId, from: { ...FAKE_BOT } }),
          `(reply) ${arg}`,
        );
        break;
      }
      case "tap": {
        const messages = t.api.messages(chatIdOf(person));
        const target =
          messages.findLast((m) => m.keyboard?.flat().some((b) => b.text === arg)) ??
          fail(no, `no button "${arg}"`);
        const button = target.keyboard!.flat().find((b) => b.text === arg)!;
        const asker = target.replyTo === null ? undefined : authors.get(target.replyTo);
        await deliver(no, updates.callback(person, target, button.callback_data, asker), `[taps ${arg}]`);
        break;
      }
      case "photo": {
        const f = file(arg);
        await deliver(
          no,
          updates.photo(person, f.stored, f.caption),
          `[photo ${f.name}]${f.caption ? ` ${f.caption}` : ""}`,
        );
        break;
      }
      case "document": {
        const f = file(arg);
        const type = f.name.endsWith(".pdf") ? "application/pdf" : "application/octet-stream";
        await deliver(
          no,
          updates.document(person, f.stored, f.name, type, f.caption),
          `[document ${f.name}]${f.caption ? ` ${f.caption}` : ""}`,
        );
        break;
      }
      case "sticker":
        await deliver(no, updates.sticker(person), "[sticker]");
        break;
      case "redeliver":
        since = t.api.calls().length;
        cursor = 0;
        for (let i = 0; i < Number(arg); i++) {
          const response = await t.post(last ?? fail(no, "nothing to redeliver"));
          if (response.status !== 200) fail(no, `redelivery answered ${response.status}`);
        }
        log.push(
          `   (update delivered ${arg} more times)`,
          ...renderChat(fresh())
            .split("\n")
            .map((l) => `   bot| ${l}`),
        );
        break;
      case "bot":
      case "bot-not": {
        const shown = renderChat(fresh());
        const at = shown.indexOf(arg, verb === "bot" ? cursor : 0);
        if (verb === "bot" && at < 0)
          fail(no, `expected the bot to say "${arg}" (after what was already checked)`);
        if (verb === "bot-not" && at >= 0) fail(no, `the bot should not have said "${arg}"`);
        if (verb === "bot") cursor = at + arg.length;
        break;
      }
      case "arrives": {
        // Generous: a passing wait costs nothing, and a busy two-core machine must not fail it.
        const deadline = Date.now() + 90_000;
        while (renderChat(fresh()).indexOf(arg, cursor) < 0) {
          if (Date.now() > deadline) fail(no, `expected "${arg}" to arrive`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        cursor = renderChat(fresh()).indexOf(arg, cursor) + arg.length;
        break;
      }
      case "silent":
        if (fresh().length > 0) fail(no, `expected no message, got:\n${renderChat(fresh())}`);
        break;
      case "toast": {
        const answers = t.api.calls().filter((c) => c.seq > since && c.method === "answerCallbackQuery");
        if (answers.length !== 1) fail(no, `expected one callback answer, got ${answers.length}`);
        const text = String(answers[0]!.params.text ?? "");
        if (arg ? !text.includes(arg) : text !== "") fail(no, `callback answered with "${text}"`);
        break;
      }
      case "check":
        await check(t, no, arg, fail);
        break;
      default:
        fail(no, `unknown verb ${verb}`);
    }
  }
  return log;
};

const check = async (
  t: TelegramTestService,
  no: number,
  arg: string,
  fail: (no: number, why: string) => never,
) => {
  const [what = "", n = "", ...rest] = arg.split(/\s+/);
  const { service } = t.service.core;
  if (what === "calls") {
    const count = t.api.callsOf(n).length;
    if (count !== Number(rest[0])) fail(no, `expected ${rest[0]} ${n} calls, found ${count}`);
    return;
  }
  if (what === "tickets") {
    const count = (await service.list(AGENT, { limit: 500 })).items.length;
    if (count !== Number(n)) fail(no, `expected ${n} tickets, found ${count}`);
    return;
  }
  const detail = await service.detail(AGENT, formatTicketId(Number(n)));
  if (!detail.ok) return fail(no, `ticket ${n} not found`);
  if (what === "attachments") {
    const count = detail.value.events.flatMap((e) => e.attachments).length;
    if (count !== Number(rest[0])) fail(no, `expected ${rest[0]} attachments on ticket ${n}, found ${count}`);
    return;
  }
  if (what === "sent-document") {
    const name = rest[0];
    const found = detail.value.events.flatMap((e) => e.attachments).find((a) => a.fileName === name);
    if (!found) return fail(no, `ticket ${n} has no file ${name}`);
    const stored = Buffer.from(await t.service.core.blobs.get(found.storageKey));
    const sent = t.api
      .callsOf("sendDocument")
      .flatMap((c) => c.files)
      .find((f) => f.fileName === name);
    if (!sent) return fail(no, `no document ${name} was sent`);
    if (!stored.equals(Buffer.from(sent.bytes))) fail(no, `document ${name} was sent with other bytes`);
    return;
  }
  if (what === "file") {
    const [name, ...words] = rest;
    const found = detail.value.events.flatMap((e) => e.attachments).find((a) => a.fileName === name);
    if (!found) return fail(no, `ticket ${n} has no file ${name}`);
    const stored = Buffer.from(await t.service.core.blobs.get(found.storageKey)).toString("utf8");
    if (stored.trimEnd() !== words.join(" ")) fail(no, `file ${name} holds ${JSON.stringify(stored)}`);
    return;
  }
  if (what === "requester") {
    const name = rest.join(" ");
    if (detail.value.ticket.requester.displayName !== name)
      fail(no, `ticket ${n} was opened by ${detail.value.ticket.requester.displayName}`);
    return;
  }
  if (what === "org") {
    const org = await t.service.core.directory.findOrganization(detail.value.ticket.organizationId);
    if (org?.key !== rest[0]) fail(no, `ticket ${n} belongs to ${org?.key}, expected ${rest[0]}`);
    return;
  }
  fail(no, `unknown check ${what}`);
};
