import type { DeliveryReceipt } from "../../../core/outbox/delivery.js";
import { contactKeyOfChat } from "../identity.js";
import type { IncomingContent, IncomingMessage } from "../inbound.js";
import { fileNameFor } from "../media-rules.js";
import type { WebMessage } from "./client.js";

/** Message types that carry a file; the attachment rules decide which are accepted. */
const MEDIA_TYPES = new Set(["image", "document", "audio", "ptt", "video", "sticker"]);
/** Content the desk cannot use but the person meant as a message. */
const UNSUPPORTED_TYPES = new Set([
  "location",
  "vcard",
  "multi_vcard",
  "poll_creation",
  "order",
  "product",
  "list",
  "buttons",
]);

const contentOf = (message: WebMessage): IncomingContent | null => {
  if (message.type === "chat") return message.body.trim() ? { kind: "text", text: message.body } : null;
  if (MEDIA_TYPES.has(message.type) && message.media) {
    const media = message.media;
    const fileName = fileNameFor(
      media.fileName,
      message.type === "ptt" ? "audio" : message.type,
      message.id,
      media.mimeType,
    );
    // A media message's body is its caption; WhatsApp fills a document's with its file name when there is none.
    const caption = message.body.trim() && message.body !== media.fileName ? message.body : null;
    return {
      kind: "media",
      media: {
        fileName,
        mimeType: media.mimeType,
        declaredSize: media.declaredSize,
        download: () => media.download(),
      },
      ...(caption ? { caption } : {}),
    };
  }
  if (UNSUPPORTED_TYPES.has(message.type)) return { kind: "unsupported" };
  // Reactions, revoked messages, calls and protocol notices are not messages to the desk.
  return null;
};

/** A WhatsApp Web message as the channel's inbound model, or null for what the desk ignores (groups, our own, statuses). */
export const incomingOfWeb = (message: WebMessage): IncomingMessage | null => {
  if (message.fromMe || message.broadcast) return null;
  const contactKey = contactKeyOfChat(message.chatId);
  if (!contactKey) return null;
  const content = contentOf(message);
  if (!content) return null;
  return {
    messageId: message.id,
    contactKey,
    displayName: message.senderName,
    sentAt: new Date(message.timestamp * 1000),
    content,
  };
};

/** whatsapp-web.js acks as receipts: 1 server, 2 device, 3 read, 4 played (a voice note heard); -1 error. */
export const receiptOfAck = (ack: number): DeliveryReceipt | null => {
  if (ack === -1) return "FAILED";
  if (ack === 1) return "SENT";
  if (ack === 2) return "DELIVERED";
  if (ack >= 3) return "READ";
  return null;
};
