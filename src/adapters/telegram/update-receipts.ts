import type { InboundReceipts, ReceiptClaim } from "../../core/ports/inbound-receipts.js";

/**
 * Telegram keeps an unconfirmed update for 24 hours, so redeliveries come within that; after a week
 * without updates it may hand out update ids again at random, so receipts must be gone well before.
 */
const KEEP_MS = 48 * 3_600_000;

/**
 * How long one instance may work on an update before a redelivery elsewhere takes it over. Processing
 * takes well under a second; the rest covers a slow file download. An instance that died holding an
 * update therefore delays its redelivery by at most this, and loses nothing.
 */
export const UPDATE_LEASE_MS = 20_000;

/** The shared receipts as this bot's updates use them: keyed by update id, which is per bot. */
export interface UpdateReceipts {
  claim(updateId: string, now: Date): Promise<ReceiptClaim>;
  finish(updateId: string, now: Date): Promise<void>;
  release(updateId: string): Promise<void>;
}

export const updateReceipts = (receipts: InboundReceipts, botId: string): UpdateReceipts => {
  const key = (updateId: string) => `telegram:${botId}:update:${updateId}`;
  return {
    claim: (updateId, now) =>
      receipts.claim(key(updateId), now, { leaseMs: UPDATE_LEASE_MS, keepMs: KEEP_MS }),
    finish: (updateId, now) => receipts.finish(key(updateId), now),
    release: (updateId) => receipts.release(key(updateId)),
  };
};
