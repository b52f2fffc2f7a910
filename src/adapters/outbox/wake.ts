import type { TicketService } from "../../core/ticket/service.js";
import type { Ticket } from "../../core/ticket/ticket.js";

/** The use cases that can write outbox items; reads never wake anyone. */
const WRITES = [
  "create",
  "reply",
  "changeStatus",
  "changePriority",
  "assign",
  "requestContact",
  "markRead",
  "rate",
] as const;
type Write = (typeof WRITES)[number];

export interface WriteHooks {
  /** After any successful write, once its transaction has committed. */
  readonly written: () => void;
  /** After a creation that made a new ticket (not a redelivery). */
  readonly created?: (ticket: Ticket) => void;
}

/**
 * The ticket service with hooks after its writes. The outbox worker is woken there, so a fresh
 * reply goes out at once rather than at the next poll; waking inside the transaction instead
 * would find nothing yet.
 */
export const afterWrites = (service: TicketService, hooks: WriteHooks): TicketService => {
  const wrapped: Record<string, unknown> = { ...service };
  for (const method of WRITES) {
    const original = service[method] as (...args: unknown[]) => ReturnType<TicketService[Write]>;
    wrapped[method] = async (...args: unknown[]) => {
      const result = await original(...args);
      if (!result.ok) return result;
      if (method === "create" && "created" in result.value && result.value.created)
        hooks.created?.(result.value.ticket);
      hooks.written();
      return result;
    };
  }
  return wrapped as TicketService;
};
