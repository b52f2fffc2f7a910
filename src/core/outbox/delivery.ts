import type { Channel } from "../ticket/channel.js";

/**
 * Where an outbox item stands. HELD: the platform cannot take it yet (WhatsApp's closed 24-hour
 * window) and it waits, keeping its chat's order, until released or its recheck time comes.
 */
export const OUTBOX_STATES = ["PENDING", "HELD", "DELIVERED", "FAILED", "CANCELLED"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What a platform reported after accepting a message, in the only order it may move. */
export const DELIVERY_RECEIPTS = ["SENT", "FAILED", "DELIVERED", "READ"] as const;
export type DeliveryReceipt = (typeof DELIVERY_RECEIPTS)[number];

/** A message the platform refused after accepting it (a "failed" status webhook). */
export interface PlatformRefusal {
  readonly code: number;
  readonly title: string;
  /** The recipient cannot receive messages at all (not on the platform, blocked us). */
  readonly unreachable: boolean;
}

/** An outbox row as a worker holds it while delivering. */
export interface OutboxItem {
  readonly id: string;
  /** Stable idempotency key; platforms that accept a client key receive this one. */
  readonly key: string;
  readonly channel: Channel;
  readonly kind: string;
  readonly ticketId: string | null;
  readonly scope: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Source key of the event that caused the item (an agent's Slack message), when it had one. */
  readonly causeKey: string | null;
  /** Set when the platform refused an earlier, accepted delivery: the next attempt ends the item. */
  readonly refusal: PlatformRefusal | null;
  /** Deliveries tried so far, this one included: above 1, an earlier try may have reached the platform. */
  readonly attempts: number;
  readonly createdAt: Date;
}

/**
 * What one delivery attempt came to. `retry` covers network errors, timeouts, 5xx and 429
 * (`afterMs` carries the platform's Retry-After); `held` parks the item until the recipient can be
 * written to again (released early by `OutboxQueue.releaseHeld`); `permanent` ends the item, and
 * `unreachable` says the recipient cannot be written to any more (blocked bot, unknown chat).
 */
export type SendOutcome =
  | { readonly kind: "sent"; readonly platformMessageId: string }
  | { readonly kind: "retry"; readonly reason: string; readonly afterMs?: number }
  | { readonly kind: "held"; readonly reason: string; readonly recheckAfterMs: number }
  | { readonly kind: "permanent"; readonly reason: string; readonly unreachable?: boolean };

export const sent = (platformMessageId: string): SendOutcome => ({ kind: "sent", platformMessageId });
export const retryLater = (reason: string, afterMs?: number): SendOutcome =>
  afterMs === undefined ? { kind: "retry", reason } : { kind: "retry", reason, afterMs };
export const heldUntilReleased = (reason: string, recheckAfterMs: number): SendOutcome => ({
  kind: "held",
  reason,
  recheckAfterMs,
});
export const permanentFailure = (reason: string, unreachable = false): SendOutcome => ({
  kind: "permanent",
  reason,
  unreachable,
});

/** An item's state after a change, as settlement listeners see it. */
export interface Settlement {
  readonly key: string;
  readonly kind: string;
  readonly channel: Channel;
  readonly causeKey: string | null;
  readonly state: OutboxState;
  readonly receipt: DeliveryReceipt | null;
}
