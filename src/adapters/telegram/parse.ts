import type { InboundInput, InboundMessage } from "../../core/conversation/index.js";
import { contactKeyOf } from "./chat-ids.js";
import { commandInput, parseCommand } from "./command-input.js";
import type { TelegramFileRef } from "./files.js";
import {
  type TelegramCallbackQuery,
  type TelegramChat,
  type TelegramChatMemberUpdated,
  type TelegramEntity,
  type TelegramMessage,
  type TelegramUser,
  telegramUpdate,
} from "./update-schema.js";

/** Who this bot is (getMe): needed to tell whether a group message speaks to it. */
export interface BotIdentity {
  readonly id: number;
  readonly username: string;
}

/** Where an event happened and who did it: verified platform fields only. */
export interface EventOrigin {
  readonly updateId: number;
  readonly chatId: number;
  readonly userId: number;
  readonly group: boolean;
  /** The engine's contact key (see chat-ids.ts) and the person's name and locale. */
  readonly from: InboundMessage["from"] & { readonly platformUserId: string };
  /** Set in groups: tickets opened there belong to the group's organization. */
  readonly organization: { readonly key: string; readonly name: string } | null;
  /** The engine's message id: unique per bot for good, since it also keys what the message creates. */
  readonly messageId: string;
  /** An admin who posts anonymously: answered as the group (one contact for all of them). */
  readonly anonymousAdmin?: boolean;
}

export type MessageContent =
  | { readonly kind: "input"; readonly input: InboundInput }
  | { readonly kind: "files"; readonly files: readonly TelegramFileRef[]; readonly caption?: string }
  | { readonly kind: "unsupported" };

export type TelegramEvent =
  | (EventOrigin & {
      readonly kind: "message";
      /** The person's message, which the bot's answers reply to in groups. */
      readonly telegramMessageId: number;
      readonly content: MessageContent;
    })
  | (EventOrigin & {
      readonly kind: "callback";
      readonly callbackId: string;
      /** The bot's message that carried the button. */
      readonly buttonMessageId: number;
      readonly data: string | null;
      /** In groups, the person whose message that bot message answered. */
      readonly addressee: { readonly id: number; readonly name: string } | null;
      /** The person's message the button's message replied to, to keep answering it. */
      readonly replyToMessageId: number | null;
    })
  | {
      readonly kind: "membership";
      readonly updateId: number;
      readonly contactKey: string;
      readonly blocked: boolean;
    };

const nameOf = (user: TelegramUser): string =>
  [user.first_name, user.last_name].filter(Boolean).join(" ").slice(0, 200);

const origin = (updateId: number, chat: TelegramChat, user: TelegramUser, messageId: string): EventOrigin => {
  const group = chat.type !== "private";
  return {
    updateId,
    chatId: chat.id,
    userId: user.id,
    group,
    from: {
      platformUserId: contactKeyOf(chat, user.id),
      displayName: nameOf(user),
      locale: user.language_code ?? null,
    },
    organization: group
      ? { key: `telegram:${chat.id}`, name: (chat.title ?? `Telegram ${chat.id}`).slice(0, 200) }
      : null,
    messageId,
  };
};

/** Spans of the text that mention this bot (by @username or as a text mention). */
const mentionsOf = (text: string, entities: readonly TelegramEntity[], bot: BotIdentity): TelegramEntity[] =>
  entities.filter(
    (e) =>
      (e.type === "mention" &&
        text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${bot.username.toLowerCase()}`) ||
      (e.type === "text_mention" && e.user?.id === bot.id),
  );

const withoutSpans = (text: string, spans: readonly TelegramEntity[]): string => {
  let result = text;
  // From the end, so earlier offsets (UTF-16, as JavaScript strings count) stay valid.
  for (const span of [...spans].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, span.offset) + result.slice(span.offset + span.length);
  }
  return result.replace(/\s+/g, " ").trim();
};

/** The core takes names of up to 255 characters; a longer one keeps its start and its extension. */
const fitName = (name: string): string => {
  if (name.length <= 200) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 11 ? name.slice(dot) : "";
  return name.slice(0, 200 - extension.length) + extension;
};

const filesOf = (message: TelegramMessage): TelegramFileRef[] => {
  if (message.document) {
    const d = message.document;
    return [
      {
        fileId: d.file_id,
        fileName: fitName(d.file_name?.trim() || `document-${message.message_id}`),
        ...(d.mime_type ? { mimeType: d.mime_type } : {}),
        ...(d.file_size !== undefined ? { size: d.file_size } : {}),
      },
    ];
  }
  // Telegram sends every resolution of a photo, smallest first: the largest is the one to keep.
  const photo = message.photo?.at(-1);
  if (!photo) return [];
  return [
    {
      fileId: photo.file_id,
      fileName: `photo-${message.message_id}.jpg`,
      mimeType: "image/jpeg",
      ...(photo.file_size !== undefined ? { size: photo.file_size } : {}),
    },
  ];
};

const contentOf = (message: TelegramMessage, text: string): MessageContent => {
  const files = filesOf(message);
  if (files.length > 0) return { kind: "files", files, ...(text ? { caption: text } : {}) };
  if (message.text === undefined) return { kind: "unsupported" };
  const command = parseCommand(text);
  if (command) return { kind: "input", input: commandInput(command) };
  // "@bot" alone in a group is a call for attention: the menu answers it.
  if (!text) return { kind: "input", input: { kind: "command", name: "menu", args: [] } };
  return { kind: "input", input: { kind: "text", text } };
};

/**
 * Telegram's stand-in for a group admin who posts anonymously: `from` is this bot and `sender_chat`
 * the group itself. Its id is documented and fixed.
 */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;

/**
 * The person a message speaks for: its sender, or, for an anonymous admin, the group (a contact
 * of its own in the group, named after it); null for other bots and for channels posting in a group.
 */
const speakerOf = (message: TelegramMessage): { user: TelegramUser; anonymous: boolean } | null => {
  const { chat, from, sender_chat: senderChat } = message;
  if (!from) return null;
  if (!from.is_bot) return { user: from, anonymous: false };
  const anonymousAdmin = from.id === GROUP_ANONYMOUS_BOT_ID && senderChat?.id === chat.id;
  if (!anonymousAdmin) return null;
  const name = (chat.title ?? `Telegram ${chat.id}`).slice(0, 200);
  return { user: { id: GROUP_ANONYMOUS_BOT_ID, is_bot: false, first_name: name }, anonymous: true };
};

const fromMessage = (updateId: number, message: TelegramMessage, bot: BotIdentity): TelegramEvent | null => {
  const { chat } = message;
  const speaker = speakerOf(message);
  if (!speaker || chat.type === "channel") return null;
  const from = speaker.user;
  const raw = message.text ?? message.caption ?? "";
  const entities = message.entities ?? message.caption_entities ?? [];
  const command = parseCommand(raw);
  if (command?.target && command.target.toLowerCase() !== bot.username.toLowerCase()) return null;
  const mentions = mentionsOf(raw, entities, bot);
  if (chat.type !== "private") {
    const addressed =
      command !== null || mentions.length > 0 || message.reply_to_message?.from?.id === bot.id;
    if (!addressed) return null;
  }
  const messageId = `${bot.id}:${chat.id}:${message.message_id}`;
  return {
    kind: "message",
    ...origin(updateId, chat, from, messageId),
    ...(speaker.anonymous ? { anonymousAdmin: true } : {}),
    telegramMessageId: message.message_id,
    content: contentOf(message, withoutSpans(raw, mentions)),
  };
};

const fromCallback = (
  updateId: number,
  query: TelegramCallbackQuery,
  bot: BotIdentity,
): TelegramEvent | null => {
  if (!query.message || query.from.is_bot || query.message.chat.type === "channel") return null;
  const { chat, reply_to_message: replied } = query.message;
  const addressee =
    chat.type !== "private" && replied?.from ? { id: replied.from.id, name: nameOf(replied.from) } : null;
  return {
    kind: "callback",
    ...origin(updateId, chat, query.from, `${bot.id}:cb:${query.id}`),
    callbackId: query.id,
    buttonMessageId: query.message.message_id,
    data: query.data ?? null,
    addressee,
    replyToMessageId: replied?.message_id ?? null,
  };
};

/** A private chat's member update tells when the person blocks the bot or comes back. */
const fromMembership = (updateId: number, change: TelegramChatMemberUpdated): TelegramEvent | null => {
  if (change.chat.type !== "private") return null;
  const status = change.new_chat_member.status;
  if (status !== "kicked" && status !== "member") return null;
  return {
    kind: "membership",
    updateId,
    contactKey: contactKeyOf(change.chat, change.from.id),
    blocked: status === "kicked",
  };
};

/**
 * What an update means for this channel, or null for updates it leaves alone: edits, channel posts,
 * other bots, group chatter not addressed to the bot (by command, mention or reply), and anything
 * that does not have the shape the Bot API documents.
 */
export const parseUpdate = (raw: unknown, bot: BotIdentity): TelegramEvent | null => {
  const parsed = telegramUpdate.safeParse(raw);
  if (!parsed.success) return null;
  const update = parsed.data;
  if (update.message) return fromMessage(update.update_id, update.message, bot);
  if (update.callback_query) return fromCallback(update.update_id, update.callback_query, bot);
  if (update.my_chat_member) return fromMembership(update.update_id, update.my_chat_member);
  return null;
};
