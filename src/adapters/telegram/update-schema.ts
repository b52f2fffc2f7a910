import { z } from "zod";

/**
 * The parts of a Bot API Update this channel reads (https://core.telegram.org/bots/api#update).
 * Unknown fields are dropped; an update that does not match is ignored rather than guessed at.
 */
const user = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string().max(256),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
  language_code: z.string().max(35).optional(),
});

const chat = z.object({
  id: z.number().int(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
  title: z.string().max(256).optional(),
});

const entity = z.object({
  type: z.string().max(64),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: user.optional(),
});

const photoSize = z.object({
  file_id: z.string().min(1).max(512),
  file_unique_id: z.string().min(1).max(128),
  width: z.number().int(),
  height: z.number().int(),
  file_size: z.number().int().nonnegative().optional(),
});

const document = z.object({
  file_id: z.string().min(1).max(512),
  file_unique_id: z.string().min(1).max(128),
  file_name: z.string().max(1024).optional(),
  mime_type: z.string().max(255).optional(),
  file_size: z.number().int().nonnegative().optional(),
});

/** A message as this channel needs it; the one it replies to carries only who sent it. */
const messageFields = {
  message_id: z.number().int(),
  date: z.number().int(),
  chat,
  from: user.optional(),
  /** Who speaks when it is not a person: an anonymous group admin (the group itself) or a channel. */
  sender_chat: chat.optional(),
  text: z.string().optional(),
  entities: z.array(entity).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(entity).optional(),
  photo: z.array(photoSize).optional(),
  document: document.optional(),
};
const replied = z.object({ message_id: z.number().int(), from: user.optional() });
const message = z.object({ ...messageFields, reply_to_message: replied.optional() });

const callbackQuery = z.object({
  id: z.string().min(1).max(100),
  from: user,
  /** Absent for buttons on inline-mode messages, which this bot never sends. */
  message: z.object({ message_id: z.number().int(), chat, reply_to_message: replied.optional() }).optional(),
  data: z.string().optional(),
});

const chatMemberUpdated = z.object({
  chat,
  from: user,
  date: z.number().int(),
  new_chat_member: z.object({ status: z.string().max(32), user }),
});

export const telegramUpdate = z.object({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: callbackQuery.optional(),
  my_chat_member: chatMemberUpdated.optional(),
});

export type TelegramUpdate = z.output<typeof telegramUpdate>;
export type TelegramMessage = z.output<typeof message>;
export type TelegramCallbackQuery = z.output<typeof callbackQuery>;
export type TelegramUser = z.output<typeof user>;
export type TelegramChat = z.output<typeof chat>;
export type TelegramEntity = z.output<typeof entity>;
export type TelegramChatMemberUpdated = z.output<typeof chatMemberUpdated>;

/** The update types this channel asks Telegram for (setWebhook and getUpdates `allowed_updates`). */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

// Built once: zod compiles a schema on its first parse, and this one runs on every update.
const updateIdOnly = z.object({ update_id: z.number().int().nonnegative() });

/** Only `update_id`, so even an update this channel cannot read is remembered as received. */
export const updateIdOf = (raw: unknown): number | null => {
  const parsed = updateIdOnly.safeParse(raw);
  return parsed.success ? parsed.data.update_id : null;
};
