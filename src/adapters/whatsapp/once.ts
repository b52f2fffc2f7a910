import type { InboundReceipts, ReceiptClaim } from "../../core/ports/inbound-receipts.js";

/** Meta retries a webhook for up to a week; message ids and window marks are kept twice that. */
export const WHATSAPP_KEEP_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * How long one instance may work on a message before Meta's redelivery elsewhere takes it over:
 * a file download and the answer fit well within it.
 */
const MESSAGE_LEASE_MS = 60_000;

const messageKey = (messageId: string) => `whatsapp:msg:${messageId}`;

/** The shared receipts as WhatsApp messages use them: each message id handled once, across instances. */
export interface MessageReceipts {
  claim(messageId: string, now: Date): Promise<ReceiptClaim>;
  finish(messageId: string, now: Date): Promise<void>;
  release(messageId: string): Promise<void>;
}

export const messageReceipts = (receipts: InboundReceipts): MessageReceipts => ({
  claim: (messageId, now) =>
    receipts.claim(messageKey(messageId), now, { leaseMs: MESSAGE_LEASE_MS, keepMs: WHATSAPP_KEEP_MS }),
  finish: (messageId, now) => receipts.finish(messageKey(messageId), now),
  release: (messageId) => receipts.release(messageKey(messageId)),
});
