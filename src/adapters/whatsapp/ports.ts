/**
 * What the WhatsApp channel stores beyond the core's ports. The Prisma implementations live in
 * src/adapters/storage/prisma/whatsapp-*.ts; tests of single parts use the memory ones in memory-stores.ts.
 */

/** Platform progress of a message we sent, in the order it can only move forward. */
export const RECEIPTS = ["SENT", "FAILED", "DELIVERED", "READ"] as const;
export type Receipt = (typeof RECEIPTS)[number];

/** A failure Meta reported after accepting a message (a "failed" status webhook). */
export interface PlatformFailure {
  readonly code: number;
  readonly title: string;
  /** The recipient cannot receive messages at all (not on WhatsApp, blocked us). */
  readonly unreachable: boolean;
}

/** Prefix of the retry reason of an item held until the supplier writes again (the 24-hour window). */
export const WINDOW_HOLD_REASON = "whatsapp-window:";

export interface WhatsAppDeliveries {
  /**
   * Records a receipt on the delivered item that carries this platform message id. Only ever moves
   * forward (SENT < FAILED < DELIVERED < READ), so a late "delivered" never turns "read" back.
   */
  advance(platformMessageId: string, receipt: Receipt): Promise<boolean>;
  /**
   * Puts a delivered item whose message Meta later refused back in the queue, due at `at`, so its
   * sender handles it: `failure` set makes the next attempt a permanent failure with that reason,
   * unset (the 24-hour window) makes it go out again through the template fallback. Only the first
   * report reopens it; the contact and scope are returned for the follow-up, null when nothing reopened.
   */
  reopen(
    platformMessageId: string,
    change: { readonly at: Date; readonly failure: PlatformFailure | null; readonly reason: string },
  ): Promise<{ readonly contactId: string | null; readonly scope: string } | null>;
  /** Makes the items of a scope held for the 24-hour window due at `at`; returns how many. */
  releaseHeld(scope: string, at: Date): Promise<number>;
}

export interface WhatsAppContacts {
  /** The supplier wrote at `at`; kept only when later than what is stored. */
  recordInbound(contactId: string, at: Date): Promise<void>;
  lastInboundAt(contactId: string): Promise<Date | null>;
}

/** Keys of things done once (a message id processed, a template sent for one window), kept durably. */
export interface OnceKeys {
  seen(key: string): Promise<boolean>;
  /** True when this call recorded the key, false when it was already there. */
  claim(key: string, at: Date): Promise<boolean>;
  forget(key: string): Promise<void>;
  /** Drops keys recorded before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
