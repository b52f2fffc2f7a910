import type { OutboxDraft } from "../outbox/outbox-draft.js";

/**
 * Writes notifications that no ticket change carries (an expired conversation, a reminder).
 * Ticket changes write theirs through TicketRepository in the same transaction instead.
 */
export interface Outbox {
  /** A draft whose key was written before is ignored. */
  enqueue(drafts: readonly OutboxDraft[]): Promise<void>;
}
