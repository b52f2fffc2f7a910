import type { OutboxItem } from "../../core/outbox/delivery.js";
import { decideDeliveryFailed, deliveryFailureKey } from "../../core/outbox/delivery-failure.js";
import type { Clock } from "../../core/ports/clock.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { TicketRepository } from "../../core/ports/ticket-repository.js";
import { ok } from "../../core/shared/result.js";
import type { NotificationPolicy } from "../../core/ticket/decisions.js";
import type { Ticket } from "../../core/ticket/ticket.js";

export interface FailureHandlerDeps {
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  readonly notify: NotificationPolicy;
  readonly clock: Clock;
}

/** The contact an item was addressed to, when it went to a contact rather than to the agents. */
const contactOf = (item: OutboxItem): string | null => {
  const { audience, contactId } = item.payload as { audience?: unknown; contactId?: unknown };
  return audience !== "agents" && typeof contactId === "string" ? contactId : null;
};

/**
 * What a permanent failure leaves behind, before the item is marked FAILED: a DELIVERY_FAILED
 * event on the ticket (whose notification alerts the agents) and, when the platform says the
 * recipient is gone, the contact marked unreachable. Each step is idempotent, so a crash here
 * just repeats them when the item is claimed again.
 */
export interface FailureHandler {
  record(item: OutboxItem, reason: string, unreachable: boolean): Promise<void>;
}

export const createFailureHandler = (deps: FailureHandlerDeps): FailureHandler => ({
  async record(item, reason, unreachable) {
    const now = deps.clock.now();
    // A ticket deleted since the item was written leaves nothing to record the failure on.
    if (item.ticketId && (await deps.tickets.findById(item.ticketId))) {
      const decide = (ticket: Ticket) =>
        ok(decideDeliveryFailed(ticket, item, reason, { now, notify: deps.notify }));
      await deps.tickets.update(item.ticketId, decide, deliveryFailureKey(item));
    }
    const contactId = contactOf(item);
    if (unreachable && contactId) await deps.directory.setUnreachable(contactId, { at: now, reason });
  },
});
