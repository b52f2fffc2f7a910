import type { ConversationEngine, Prompt } from "../../core/conversation/index.js";
import { type Lang, langFromLocale } from "../../core/i18n/index.js";
import { type OutboxItem, permanentFailure, type SendOutcome } from "../../core/outbox/delivery.js";
import { type OutboxPayload, parseOutboxPayload } from "../../core/outbox/payloads.js";
import { requesterNotice } from "../../core/outbox/requester-notice.js";
import type { BlobStore } from "../../core/ports/blob-store.js";
import type { ContactRecord, DirectoryRepository } from "../../core/ports/directory.js";
import { err, ok, type Result } from "../../core/shared/result.js";

export interface OutgoingFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  /** Sent as a document whatever it is (a copy the person asked for), never as an image. */
  readonly document?: boolean;
}

/** An outbox item addressed to a WhatsApp contact, before its words are written. */
export interface Addressed {
  readonly item: OutboxItem;
  readonly payload: OutboxPayload;
  readonly contact: ContactRecord;
  readonly lang: Lang;
  /** Worth sending only while the conversation is fresh: dropped rather than pushed through a template. */
  readonly ephemeral: boolean;
}

/** What the supplier receives: prompts in their language, then the files an agent attached. */
export interface Notification {
  readonly prompts: readonly Prompt[];
  readonly files: readonly OutgoingFile[];
}

export interface NotificationDeps {
  readonly directory: DirectoryRepository;
  readonly engine: ConversationEngine;
  readonly blobs: BlobStore;
  readonly defaultLang: Lang;
  readonly timeZone: string;
}

/**
 * Turns outbox items into what a WhatsApp contact reads, for both transports' senders. Expected
 * problems come back as the SendOutcome to report: a payload that does not parse or a contact that
 * no longer exists fails the item for good.
 */
export interface Notifications {
  /** The contact and language an item goes to, or the outcome to report when it cannot go anywhere. */
  address(item: OutboxItem): Promise<Result<Addressed, SendOutcome>>;
  /** Null when there is nothing to send any more (a rating already given). */
  compose(addressed: Addressed): Promise<Notification | null>;
}

export const createNotifications = (deps: NotificationDeps): Notifications => ({
  async address(item) {
    const refusal = item.refusal;
    if (refusal) {
      const reason = `WhatsApp refused the message (${refusal.code}: ${refusal.title})`;
      return err(permanentFailure(reason, refusal.unreachable));
    }
    const parsed = parseOutboxPayload(item);
    if (!parsed.ok) return err(permanentFailure(`invalid payload: ${parsed.error.issues.join("; ")}`));
    const payload = parsed.value;
    if (!("contactId" in payload))
      return err(permanentFailure(`${item.kind} is not addressed to a WhatsApp contact`));
    const contact = await deps.directory.findContactById(payload.contactId);
    if (contact?.channel !== "WHATSAPP")
      return err(permanentFailure(`no WhatsApp contact ${payload.contactId}`));
    const lang =
      payload.kind === "conversation.expired"
        ? payload.lang
        : (langFromLocale(contact.locale) ?? deps.defaultLang);
    return ok({ item, payload, contact, lang, ephemeral: payload.kind === "conversation.expired" });
  },

  async compose({ payload, contact, lang }) {
    switch (payload.kind) {
      case "rating_request": {
        const reply = await deps.engine.requestRating(contact.id, payload.ticket.number);
        return reply ? { prompts: reply.prompts, files: [] } : null;
      }
      case "agent_reply": {
        const files = await Promise.all(
          payload.attachments.map(async (a) => ({
            fileName: a.fileName,
            contentType: a.contentType,
            bytes: await deps.blobs.get(a.storageKey),
          })),
        );
        return { prompts: requesterNotice(payload, lang, deps.timeZone), files };
      }
      case "file_copy": {
        const { attachment: a } = payload;
        const bytes = await deps.blobs.get(a.storageKey);
        return {
          prompts: [],
          files: [{ fileName: a.fileName, contentType: a.contentType, bytes, document: true }],
        };
      }
      case "status_changed":
      case "ticket_notice":
      case "auto_close_reminder":
      case "conversation.expired":
        return { prompts: requesterNotice(payload, lang, deps.timeZone), files: [] };
      default:
        return null;
    }
  },
});

/** What a sender reports for an item with nothing left to send; not a platform message id. */
export const NOTHING_SENT = "none";
