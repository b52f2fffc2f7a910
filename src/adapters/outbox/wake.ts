import type { Outbox } from "../../core/ports/outbox.js";
import type { OutboxQueue } from "../../core/ports/outbox-queue.js";
import type { Result } from "../../core/shared/result.js";
import type { CoreError } from "../../core/ticket/errors.js";
import type { TicketService } from "../../core/ticket/service.js";
import type { Ticket } from "../../core/ticket/ticket.js";

export interface WriteHooks {
  /** After any successful write, once its transaction has committed. */
  readonly written: () => void;
  /** After a creation that made a new ticket (not a redelivery). */
  readonly created?: (ticket: Ticket) => void;
}

/**
 * The ticket service with hooks after its writes. The outbox worker is woken there, so a fresh
 * reply goes out at once rather than at the next poll; waking inside the transaction instead
 * would find nothing yet. Reads never wake anyone.
 */
export const afterWrites = (service: TicketService, hooks: WriteHooks): TicketService => {
  const after = async <T>(write: Promise<Result<T, CoreError>>): Promise<Result<T, CoreError>> => {
    const result = await write;
    if (result.ok) hooks.written();
    return result;
  };
  return {
    ...service,
    async create(...args) {
      const result = await service.create(...args);
      if (result.ok && result.value.created) hooks.created?.(result.value.ticket);
      if (result.ok) hooks.written();
      return result;
    },
    reply: (...args) => after(service.reply(...args)),
    changeStatus: (...args) => after(service.changeStatus(...args)),
    changePriority: (...args) => after(service.changePriority(...args)),
    assign: (...args) => after(service.assign(...args)),
    requestContact: (...args) => after(service.requestContact(...args)),
    markRead: (...args) => after(service.markRead(...args)),
    rate: (...args) => after(service.rate(...args)),
  };
};

/**
 * The outbox as channels get it: items a channel makes due (held ones released when the recipient
 * writes, delivered ones the platform refused) wake this instance's worker, which then delivers
 * them at once instead of at its next poll.
 */
export const wakingOutbox = (queue: OutboxQueue, wake: () => void): OutboxQueue => ({
  ...queue,
  async releaseHeld(scope, at) {
    const released = await queue.releaseHeld(scope, at);
    if (released > 0) wake();
    return released;
  },
  async reopenDelivered(channel, platformMessageId, change) {
    const reopened = await queue.reopenDelivered(channel, platformMessageId, change);
    if (reopened) wake();
    return reopened;
  },
});

/** A writer whose items go out at once: this instance's worker is woken after each write. */
export const wakingWriter = (writer: Outbox, wake: () => void): Outbox => ({
  async enqueue(drafts) {
    await writer.enqueue(drafts);
    if (drafts.length > 0) wake();
  },
});
