import type { Channel } from "../ticket/channel.js";

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
  /** Deliveries tried so far, this one included: above 1, an earlier try may have reached the platform. */
  readonly attempts: number;
  readonly createdAt: Date;
}

/**
 * What one delivery attempt came to. `retry` covers network errors, timeouts, 5xx and 429
 * (`afterMs` carries the platform's Retry-After); `permanent` ends the item, and `unreachable`
 * says the recipient cannot be written to any more (blocked bot, unknown chat).
 */
export type SendOutcome =
  | { readonly kind: "sent"; readonly platformMessageId: string }
  | { readonly kind: "retry"; readonly reason: string; readonly afterMs?: number }
  | { readonly kind: "permanent"; readonly reason: string; readonly unreachable?: boolean };

export const sent = (platformMessageId: string): SendOutcome => ({ kind: "sent", platformMessageId });
export const retryLater = (reason: string, afterMs?: number): SendOutcome =>
  afterMs === undefined ? { kind: "retry", reason } : { kind: "retry", reason, afterMs };
export const permanentFailure = (reason: string, unreachable = false): SendOutcome => ({
  kind: "permanent",
  reason,
  unreachable,
});
