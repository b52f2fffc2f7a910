import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FAKE_BOT } from "./fake-telegram-api.js";

const FIXTURES = join(import.meta.dirname, "../test/fixtures/telegram");
type Json = Record<string, unknown>;
const templates = JSON.parse(readFileSync(join(FIXTURES, "updates.json"), "utf8")) as Record<string, Json>;
export const botErrors = JSON.parse(readFileSync(join(FIXTURES, "errors.json"), "utf8")) as Record<
  string,
  { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } }
>;

const clone = (name: string): Json => structuredClone(templates[name]!);

export const GROUP = { id: -1001234567890, title: "Fornecedores ACME" } as const;

/** Someone talking to the bot: in their private chat, or in the group. */
export interface Person {
  readonly userId: number;
  readonly firstName: string;
  readonly languageCode: string;
  readonly inGroup: boolean;
  /** In the group as an anonymous admin: Telegram sends GroupAnonymousBot with the group as sender_chat. */
  readonly anonymous?: boolean;
}

export const chatIdOf = (person: Person): number => (person.inGroup ? GROUP.id : person.userId);

export interface TelegramFile {
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly file_size: number;
}

/** The entities a Telegram client attaches: the leading command and mentions of the bot. */
const entitiesOf = (text: string) => {
  const entities: Json[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  const mention = `@${FAKE_BOT.username}`;
  for (let at = text.indexOf(mention); at >= 0; at = text.indexOf(mention, at + 1)) {
    if (at > 0 || !command) entities.push({ type: "mention", offset: at, length: mention.length });
  }
  return entities;
};

/** Builds updates from the fixture shapes with fresh update and message ids. */
export const createUpdates = (firstUpdateId = 900_000_001) => {
  let updateId = firstUpdateId;
  let messageId = 1;

  const message = (template: string, person: Person, fill: (m: Json) => void) => {
    const anonymous = person.anonymous === true && person.inGroup;
    const update = clone(anonymous ? "groupAnonymousAdminText" : template);
    update.update_id = updateId++;
    const m = update.message as Json;
    m.message_id = messageId++;
    if (!anonymous)
      m.from = {
        ...(m.from as Json),
        id: person.userId,
        first_name: person.firstName,
        language_code: person.languageCode,
      };
    m.chat = person.inGroup
      ? { id: GROUP.id, title: GROUP.title, type: "supergroup" }
      : { id: person.userId, first_name: person.firstName, type: "private" };
    if (anonymous) m.sender_chat = { id: GROUP.id, title: GROUP.title, type: "supergroup" };
    fill(m);
    return update;
  };

  return {
    text: (person: Person, text: string, replyTo?: { message_id: number; from: Json }) =>
      message("privateText", person, (m) => {
        m.text = text;
        const entities = entitiesOf(text);
        if (entities.length > 0) m.entities = entities;
        if (replyTo) m.reply_to_message = { ...replyTo, date: m.date, chat: m.chat };
      }),
    photo: (person: Person, file: TelegramFile, caption?: string) =>
      message("privatePhoto", person, (m) => {
        const sizes = m.photo as Json[];
        // Telegram lists a thumbnail first and the full photo last.
        sizes[0] = {
          ...sizes[0],
          file_id: `${file.file_id}-thumb`,
          file_unique_id: `${file.file_unique_id}-t`,
          file_size: 100,
        };
        sizes[1] = { ...sizes[1], ...file };
        if (caption)
          Object.assign(m, {
            caption,
            ...(entitiesOf(caption).length ? { caption_entities: entitiesOf(caption) } : {}),
          });
      }),
    document: (person: Person, file: TelegramFile, fileName: string, mimeType: string, caption?: string) =>
      message("privateDocument", person, (m) => {
        m.document = { ...(m.document as Json), ...file, file_name: fileName, mime_type: mimeType };
        if (caption)
          Object.assign(m, {
            caption,
            ...(entitiesOf(caption).length ? { caption_entities: entitiesOf(caption) } : {}),
          });
      }),
    /** A message of a kind the bot does not read. */
    sticker: (person: Person) =>
      message("privateText", person, (m) => {
        delete m.text;
        m.sticker = {
          file_id: "sticker-1",
          file_unique_id: "s1",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        };
      }),
    callback: (
      person: Person,
      botMessage: { messageId: number; chatId: number; text: string; replyTo: number | null },
      data: string,
      replyToFrom?: Json,
    ) => {
      const update = clone("callbackQuery");
      update.update_id = updateId++;
      const q = update.callback_query as Json;
      q.id = `cb-${update.update_id}`;
      q.from = {
        ...(q.from as Json),
        id: person.userId,
        first_name: person.firstName,
        language_code: person.languageCode,
      };
      const m = q.message as Json;
      m.message_id = botMessage.messageId;
      m.chat = person.inGroup
        ? { id: GROUP.id, title: GROUP.title, type: "supergroup" }
        : { id: botMessage.chatId, type: "private" };
      m.text = botMessage.text;
      if (botMessage.replyTo !== null && replyToFrom)
        m.reply_to_message = {
          message_id: botMessage.replyTo,
          from: replyToFrom,
          date: m.date,
          chat: m.chat,
        };
      q.data = data;
      return update;
    },
    blocked: (person: Person) => {
      const update = clone("blockedBot");
      update.update_id = updateId++;
      const change = update.my_chat_member as Json;
      change.chat = { id: person.userId, first_name: person.firstName, type: "private" };
      change.from = { id: person.userId, is_bot: false, first_name: person.firstName };
      return update;
    },
  };
};

export type Updates = ReturnType<typeof createUpdates>;
