import { z } from "zod";
import type { ConversationEngine } from "../../core/conversation/index.js";
import { type Lang, langFromLocale } from "../../core/i18n/index.js";
import {
  type OutboxItem,
  permanentFailure,
  retryLater,
  type SendOutcome,
  sent,
} from "../../core/outbox/delivery.js";
import { type AttachmentRef, DIALOGUE_ANSWER, parseOutboxPayload } from "../../core/outbox/payloads.js";
import type { BlobStore } from "../../core/ports/blob-store.js";
import type { ChannelSender } from "../../core/ports/channel-sender.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import { type BotClient, callBot, classifyFailure } from "./api.js";
import { type ChatIndex, chatIdOf } from "./chat-ids.js";
import { type NotificationPart, notificationParts, type RequesterPayload } from "./notifications.js";
import { sendMessageParams } from "./render.js";

export interface TelegramSenderDeps {
  readonly client: BotClient;
  readonly engine: ConversationEngine;
  readonly directory: DirectoryRepository;
  readonly blobs: BlobStore;
  readonly chats: ChatIndex;
  readonly defaultLang: Lang;
  readonly timeZone: string;
}

type SendMessageParams = ReturnType<typeof sendMessageParams>;

/** A queued answer as the dialogue wrote it: sendMessage parameters, one per message, in order. */
const queuedAnswer = z.object({
  params: z.array(z.object({ chat_id: z.number(), text: z.string() }).passthrough()).min(1),
});

/** sendPhoto takes images up to 10 MB; anything else, or a photo Telegram refuses, goes as a document. */
const PHOTO_TYPES = new Set(["image/png", "image/jpeg"]);
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Items stopped half-way remembered at once; beyond that the oldest start over (a repeat, never a loss). */
const MAX_PARTIAL = 1000;

class AttachmentMissingError extends Error {
  override readonly name = "AttachmentMissingError";
}

const outcomeOf = (error: unknown): SendOutcome => {
  if (error instanceof AttachmentMissingError) return permanentFailure(error.message);
  const failure = classifyFailure(error);
  switch (failure.kind) {
    case "rate_limited":
      return retryLater(failure.reason, failure.retryAfterMs);
    case "recipient_gone":
      return permanentFailure(failure.reason, true);
    case "rejected":
      return permanentFailure(failure.reason);
    case "unavailable":
      return retryLater(failure.reason);
  }
};

/**
 * Delivers requester notifications (agent replies with their files, status changes, rating requests,
 * reminders, ended conversations) to the person's chat. The outbox worker paces items per chat and
 * overall and retries; this maps Telegram's answers to outcomes: 429 retry after retry_after, a blocked
 * bot or vanished chat permanent and unreachable. A notice of several messages that stops half-way
 * resumes where it stopped on the next attempt, so the person does not read its start twice.
 */
export const createTelegramSender = (deps: TelegramSenderDeps): ChannelSender => {
  const { client } = deps;
  const delivered = new Map<string, number>();

  const fileBytes = async (file: AttachmentRef): Promise<Buffer> => {
    try {
      return Buffer.from(await deps.blobs.get(file.storageKey));
    } catch (error) {
      throw new AttachmentMissingError(
        `attachment ${file.fileName} could not be read: ${(error as Error).message}`,
      );
    }
  };

  const sendFile = async (
    chatId: number,
    file: AttachmentRef,
    signal: AbortSignal,
    document = false,
  ): Promise<number> => {
    const source = { source: await fileBytes(file), filename: file.fileName };
    if (!document && PHOTO_TYPES.has(file.contentType) && file.size <= PHOTO_MAX_BYTES) {
      try {
        return (await callBot(client, "sendPhoto", { chat_id: chatId, photo: source }, signal)).message_id;
      } catch (error) {
        // Odd dimensions or ratios are refused as photos but fine as documents.
        if (classifyFailure(error).kind !== "rejected") throw error;
      }
    }
    return (await callBot(client, "sendDocument", { chat_id: chatId, document: source }, signal)).message_id;
  };

  const sendPart = async (chatId: number, part: NotificationPart, signal: AbortSignal): Promise<number> => {
    if (part.kind === "file") return sendFile(chatId, part.file, signal, part.document);
    const params = sendMessageParams(chatId, part.message, { group: false, replyTo: null, last: false });
    return (await callBot(client, "sendMessage", params, signal)).message_id;
  };

  const remember = (key: string, count: number) => {
    delivered.delete(key);
    delivered.set(key, count);
    if (delivered.size > MAX_PARTIAL) delivered.delete(delivered.keys().next().value as string);
  };

  /** Sends the messages in order from where an earlier attempt stopped; a partial failure resumes there. */
  const sendInOrder = async (
    item: OutboxItem,
    count: number,
    sendOne: (i: number) => Promise<number>,
    chatId: number,
  ): Promise<SendOutcome> => {
    let lastMessageId: number | null = null;
    for (let i = delivered.get(item.key) ?? 0; i < count; i++) {
      try {
        lastMessageId = await sendOne(i);
      } catch (error) {
        const outcome = outcomeOf(error);
        if (outcome.kind === "retry") remember(item.key, i);
        else delivered.delete(item.key);
        return outcome;
      }
    }
    delivered.delete(item.key);
    return sent(lastMessageId === null ? "none:empty" : `${chatId}:${lastMessageId}`);
  };

  /** A dialogue answer Telegram could not take at once: the messages as the dialogue rendered them. */
  const sendAnswer = (item: OutboxItem, answer: Readonly<Record<string, unknown>>, signal: AbortSignal) => {
    const parsed = queuedAnswer.safeParse(answer);
    if (!parsed.success) return Promise.resolve(permanentFailure("invalid dialogue answer"));
    const messages = parsed.data.params;
    return sendInOrder(
      item,
      messages.length,
      async (i) =>
        // Written by this channel's dialogue with sendMessageParams; the schema checked what it relies on.
        (await callBot(client, "sendMessage", messages[i] as unknown as SendMessageParams, signal))
          .message_id,
      messages[0]?.chat_id ?? 0,
    );
  };

  const contactIdOf = (item: OutboxItem): string | null => {
    const contactId = item.payload.contactId;
    return typeof contactId === "string" ? contactId : null;
  };

  return {
    channel: "TELEGRAM",

    destination(item) {
      const contactId = contactIdOf(item);
      const chatId = contactId ? deps.chats.chatOf(contactId) : undefined;
      return chatId === undefined ? item.scope : `chat:${chatId}`;
    },

    async send(item, signal) {
      const parsed = parseOutboxPayload(item);
      if (!parsed.ok) return permanentFailure(`invalid payload: ${parsed.error.issues.join("; ")}`);
      const payload = parsed.value;
      if (payload.kind === DIALOGUE_ANSWER) return sendAnswer(item, payload.answer, signal);
      if ("audience" in payload && payload.audience === "agents") {
        return permanentFailure(`${item.kind} is for agents; Telegram delivers only requester notifications`);
      }
      const requester = payload as RequesterPayload;
      const contact = await deps.directory.findContactById(requester.contactId);
      if (!contact) return permanentFailure(`contact ${requester.contactId} no longer exists`);
      const chatId = chatIdOf(contact.platformUserId);
      if (chatId === null) return permanentFailure(`contact ${contact.id} has no Telegram chat`, true);
      deps.chats.remember(contact.id, chatId);

      const lang =
        requester.kind === "conversation.expired"
          ? requester.lang
          : (langFromLocale(contact.locale) ?? deps.defaultLang);
      const parts = await notificationParts(requester, {
        engine: deps.engine,
        contactId: contact.id,
        lang,
        timeZone: deps.timeZone,
      });
      // The ticket was rated or reopened meanwhile: there is no question left to ask.
      if (parts === null) return sent("none:no-longer-ratable");

      return sendInOrder(item, parts.length, (i) => sendPart(chatId, parts[i]!, signal), chatId);
    },
  };
};
