import type { Channel } from "../ticket/channel.js";

/** A notification to send, written in the same transaction as the change that caused it. */
export interface OutboxDraft {
  /** One logical notification, one key: writing it twice is a no-op. */
  readonly key: string;
  readonly channel: Channel;
  readonly kind: string;
  readonly ticketId: string | null;
  /** Items of one scope (a chat, a thread) are delivered in the order they were written. */
  readonly scope: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly availableAt: Date;
  /** Source key of the event that caused it, so the door that made the event can find its item. */
  readonly causeKey?: string | null;
}
