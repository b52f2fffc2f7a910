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
  /** After any successful write that changed or made a ticket (the web console's live updates). */
  readonly changed?: (ticket: Ticket) => void;
}

/** Methods that only read: every other method of the service is a write and wakes the outbox. */
const READS: ReadonlySet<string> = new Set(["detail", "attachment", "list", "search", "stats", "tagStats"]);

const isResult = (value: unknown): value is Result<unknown, CoreError> =>
  typeof value === "object" && value !== null && "ok" in value;

/**
 * The ticket service with hooks after its writes. The outbox worker is woken there, so a fresh
 * reply goes out at once rather than at the next poll; waking inside the transaction instead
 * would find nothing yet. Reads never wake anyone. Writes are every method not named a read, so a
 * new use case wakes the worker without anyone remembering to list it here.
 */
export const afterWrites = (service: TicketService, hooks: WriteHooks): TicketService => {
  const wrapped: Record<string, unknown> = { ...service };
  for (const [name, method] of Object.entries(service)) {
    if (typeof method !== "function" || READS.has(name)) continue;
    wrapped[name] = async (...args: unknown[]) => {
      const result: unknown = await method.apply(service, args);
      if (isResult(result) && result.ok) {
        const value = result.value as { created?: boolean; ticket?: Ticket };
        if (name === "create" && value.created && value.ticket) hooks.created?.(value.ticket);
        const changed = value.ticket ?? (result.value as Ticket);
        if (hooks.changed && typeof changed?.number === "number") hooks.changed(changed);
        hooks.written();
      }
      return result;
    };
  }
  return wrapped as unknown as TicketService;
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
