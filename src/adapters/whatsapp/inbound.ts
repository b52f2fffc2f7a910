import type { ConversationEngine, InboundInput, Prompt } from "../../core/conversation/index.js";
import { catalogues, type Lang, langFromLocale } from "../../core/i18n/index.js";
import type { Clock } from "../../core/ports/clock.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { OutboxQueue } from "../../core/ports/outbox-queue.js";
import type { FileInput } from "../../core/ticket/commands.js";
import { claimWaiting } from "../claim-waiting.js";
import { RetryLaterError } from "../http/retry-later.js";
import type { WhatsAppAnswers } from "./answers.js";
import { whatsappCatalogues } from "./i18n/index.js";
import { downloadWithin, type MediaRules, MediaTooLargeError, precheckMedia } from "./media-rules.js";
import type { MessageReceipts } from "./once.js";

/** A file announced in a message, fetched only once the metadata passed the checks. */
export interface IncomingMedia {
  readonly fileName: string;
  readonly mimeType: string | null;
  /** From the platform's metadata when it gives one; checked before downloading. */
  readonly declaredSize: number | null;
  download(signal: AbortSignal): Promise<Uint8Array<ArrayBuffer>>;
}

export type IncomingContent =
  | { readonly kind: "text"; readonly text: string }
  /** A tapped button or list row: one of the option ids the engine sent. */
  | { readonly kind: "choice"; readonly id: string }
  | { readonly kind: "media"; readonly media: IncomingMedia; readonly caption?: string }
  /** The reply button of the re-engagement template: it opens the window and asks for nothing else. */
  | { readonly kind: "reengage" }
  /** Locations, contacts, polls: answered with what the channel understands. */
  | { readonly kind: "unsupported" };

/** One message from a supplier, out of either transport's format, identity from verified fields only. */
export interface IncomingMessage {
  /** The platform's message id (wamid, or WhatsApp Web's serialized id). */
  readonly messageId: string;
  /** The contact key (see identity.ts). */
  readonly contactKey: string;
  readonly displayName: string;
  /** When the person sent it, by the platform's clock. */
  readonly sentAt: Date;
  readonly content: IncomingContent;
}

export type InboundResult = "answered" | "duplicate" | "failed";

export interface InboundDeps {
  readonly engine: ConversationEngine;
  readonly directory: DirectoryRepository;
  /** Held notifications are released here when the person writes (the window opens). */
  readonly outbox: Pick<OutboxQueue, "releaseHeld">;
  readonly receipts: MessageReceipts;
  readonly clock: Clock;
  readonly rules: MediaRules;
  readonly defaultLang: Lang;
  /** The engine's answers: sent at once in the transport's format, queued when the platform fails. */
  readonly answers: WhatsAppAnswers;
  /** Sentences outside a turn (a refused file, an unknown person): sent once, best effort. */
  readonly say: (contactKey: string, lang: Lang, prompts: readonly Prompt[]) => Promise<void>;
  readonly log: { warn(details: object, message: string): void };
}

/** Another instance is handling this message right now: Meta delivers it again later. */
export class MessageBusyError extends RetryLaterError {
  override readonly name = "MessageBusyError";
  constructor(messageId: string) {
    super(`message ${messageId} is being handled by another instance`);
  }
}

/** How long a copy of a message waits for another delivery being handled, before Meta is asked to retry. */
const BUSY_WAIT_MS = 5_000;

/** A message handled within this of its platform timestamp is live, not a late redelivery. */
const FRESH_MS = 60_000;

/**
 * The path every inbound WhatsApp message takes, whichever transport brought it: processed once per
 * message id (Meta redelivers for days), files checked before they are downloaded, the engine's
 * answer sent back, and the 24-hour window opened, which releases notifications held behind it.
 */
export const createInboundHandler = (deps: InboundDeps): InboundHandler => {
  const text = (value: string): Prompt => ({ kind: "text", text: value });

  const langOfKey = async (contactKey: string): Promise<Lang> => {
    const contact = await deps.directory.findContact("WHATSAPP", contactKey);
    return langFromLocale(contact?.locale) ?? deps.defaultLang;
  };

  /** The file's bytes, or the sentence telling the person why it was not taken. */
  const fetchFile = async (
    message: IncomingMessage,
    media: IncomingMedia,
    lang: Lang,
  ): Promise<FileInput | string> => {
    const refusal = precheckMedia(media, deps.rules);
    if (refusal)
      return catalogues[lang].attachment(
        media.fileName,
        refusal,
        refusal === "TOO_LARGE" ? deps.rules.maxBytes : undefined,
      );
    try {
      const bytes = await downloadWithin(deps.rules.timeoutMs, (signal) => media.download(signal));
      if (bytes.byteLength > deps.rules.maxBytes)
        return catalogues[lang].attachment(media.fileName, "TOO_LARGE", deps.rules.maxBytes);
      return { fileName: media.fileName, bytes, ...(media.mimeType ? { declaredType: media.mimeType } : {}) };
    } catch (error) {
      if (error instanceof MediaTooLargeError)
        return catalogues[lang].attachment(media.fileName, "TOO_LARGE", deps.rules.maxBytes);
      deps.log.warn({ err: error, messageId: message.messageId }, "whatsapp: could not download a file");
      return whatsappCatalogues[lang].mediaUnavailable(media.fileName);
    }
  };

  /**
   * The window opens when the person writes; notifications held behind the closed window go out now.
   * A message arriving fresh counts from now (Meta's timestamps are whole seconds, and two messages
   * in one second must still be told apart); one redelivered late counts from when it was sent.
   */
  const opened = async (contactId: string, sentAt: Date) => {
    const now = deps.clock.now();
    await deps.directory.recordInbound(contactId, now.getTime() - sentAt.getTime() < FRESH_MS ? now : sentAt);
    await deps.outbox.releaseHeld(`contact:${contactId}`, now);
  };

  /** Answers without the engine (refused files, unsupported content). */
  const answerDirectly = async (
    message: IncomingMessage,
    prompts: readonly Prompt[],
    lang: Lang,
  ): Promise<InboundResult> => {
    if (prompts.length > 0) await deps.say(message.contactKey, lang, prompts);
    const contact = await deps.directory.findContact("WHATSAPP", message.contactKey);
    if (contact) await opened(contact.id, message.sentAt);
    return "answered";
  };

  /** The engine's input, or the sentence answering the message without it, or null for nothing to answer. */
  const toInput = async (
    message: IncomingMessage,
    lang: () => Promise<Lang>,
  ): Promise<InboundInput | string | null> => {
    const { content } = message;
    switch (content.kind) {
      case "text":
        return { kind: "text", text: content.text };
      case "choice":
        return { kind: "choice", id: content.id };
      case "media": {
        const file = await fetchFile(message, content.media, await lang());
        if (typeof file === "string") return file;
        return { kind: "files", files: [file], ...(content.caption ? { caption: content.caption } : {}) };
      }
      case "unsupported":
        return whatsappCatalogues[await lang()].unsupportedMessage;
      case "reengage":
        return null;
    }
  };

  const handleClaimed = async (message: IncomingMessage): Promise<InboundResult> => {
    let known: Lang | undefined;
    const lang = async () => {
      known ??= await langOfKey(message.contactKey);
      return known;
    };
    const input = await toInput(message, lang);
    if (input === null) return answerDirectly(message, [], deps.defaultLang);
    if (typeof input === "string") return answerDirectly(message, [text(input)], await lang());

    // Sent inside the engine's per-contact lock, so a redelivery racing this one cannot answer too.
    const reply = await deps.engine.handle(
      {
        channel: "WHATSAPP",
        messageId: message.messageId,
        from: { platformUserId: message.contactKey, displayName: message.displayName.trim().slice(0, 200) },
        input,
        receivedAt: deps.clock.now(),
      },
      {
        deliver: async (answer, { behind }) => {
          if (!answer.contact) {
            await deps.say(message.contactKey, answer.lang, answer.prompts);
            return "sent";
          }
          const target = {
            contactId: answer.contact.id,
            contactKey: message.contactKey,
            messageId: message.messageId,
          };
          return deps.answers.deliver(target, answer.lang, answer.prompts, behind);
        },
      },
    );
    if (reply.contact) await opened(reply.contact.id, message.sentAt);
    if (reply.outcome === "failed") return "failed";
    return reply.outcome === "duplicate" ? "duplicate" : "answered";
  };

  /**
   * Each message id is handled once across instances: taken with a lease, marked done when answered,
   * given back when handling failed on our side, so the platform's redelivery is handled again.
   */
  return async (message: IncomingMessage): Promise<InboundResult> => {
    // A copy racing the first delivery waits for it, briefly, and is then a duplicate.
    const claim = await claimWaiting(
      () => deps.receipts.claim(message.messageId, deps.clock.now()),
      BUSY_WAIT_MS,
    );
    if (claim === "done") return "duplicate";
    if (claim === "busy") throw new MessageBusyError(message.messageId);
    let result: InboundResult;
    try {
      result = await handleClaimed(message);
    } catch (error) {
      await deps.receipts.release(message.messageId).catch(() => undefined);
      throw error;
    }
    if (result === "failed") await deps.receipts.release(message.messageId);
    else await deps.receipts.finish(message.messageId, deps.clock.now());
    return result;
  };
};

export type InboundHandler = (message: IncomingMessage) => Promise<InboundResult>;
