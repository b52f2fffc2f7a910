/**
 * "new": the caller holds the key until `finish` or `release`; "done": already handled; "busy":
 * another holder's lease is still running (it may be working on it right now).
 */
export type ReceiptClaim = "new" | "done" | "busy";

export interface ReceiptTerms {
  /**
   * How long a holder may work before a redelivery elsewhere takes the key over. A holder that died
   * (SIGKILL, a lost machine) so delays the event by at most this, and loses nothing.
   */
  readonly leaseMs: number;
  /** How long the receipt is remembered from the claim: the platform's redelivery window, with margin. */
  readonly keepMs: number;
}

/**
 * Inbound platform events already handled (a Telegram update, a Slack event, a WhatsApp message),
 * shared by every instance so each event is handled once, and marks of things done once (a
 * WhatsApp template sent for one 24-hour window). One table, one cleanup for every channel.
 */
export interface InboundReceipts {
  claim(key: string, now: Date, terms: ReceiptTerms): Promise<ReceiptClaim>;
  /** Handled: every later claim of the key is "done" until it is forgotten. */
  finish(key: string, now: Date): Promise<void>;
  /** Handling failed: the platform's redelivery is handled afresh. */
  release(key: string): Promise<void>;
  /** Records a key as done at once; true only for the caller that recorded it. */
  mark(key: string, now: Date, keepMs: number): Promise<boolean>;
  /** Removes a mark whose deed did not happen after all (a template that failed to go out). */
  forget(key: string): Promise<void>;
  /** True when the key was handled or marked (and not yet forgotten). */
  isDone(key: string): Promise<boolean>;
  /** Forgets receipts whose keep time ran out, at most `limit` of them; returns how many. */
  prune(now: Date, limit: number): Promise<number>;
}
