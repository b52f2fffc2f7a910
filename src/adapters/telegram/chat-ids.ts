import type { TelegramChat } from "./update-schema.js";

/**
 * A contact is one person in one chat. In a private chat Telegram's chat id is the user's id, so
 * the contact key is just that; in a group it is "<chat id>:<user id>", which gives each member a
 * contact of the group's organization and a conversation of their own there, apart from their
 * private chat with the bot.
 */
export const contactKeyOf = (chat: Pick<TelegramChat, "id" | "type">, userId: number): string =>
  chat.type === "private" ? String(userId) : `${chat.id}:${userId}`;

const KEY = /^(-?\d{1,20})(?::(\d{1,20}))?$/;

/** The chat a contact key writes to, or null when the key is not one this channel made. */
export const chatIdOf = (contactKey: string): number | null => {
  const match = KEY.exec(contactKey);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
};

/**
 * Contact id → chat id for the outbox's per-chat rate limit, which must be known without a database
 * read. Filled whenever a contact writes or is written to; bounded, oldest entries dropped first.
 */
export interface ChatIndex {
  remember(contactId: string, chatId: number): void;
  chatOf(contactId: string): number | undefined;
}

export const createChatIndex = (capacity = 10_000): ChatIndex => {
  const chats = new Map<string, number>();
  return {
    remember(contactId: string, chatId: number): void {
      chats.delete(contactId);
      chats.set(contactId, chatId);
      if (chats.size > capacity) chats.delete(chats.keys().next().value as string);
    },
    chatOf: (contactId: string): number | undefined => chats.get(contactId),
  };
};
