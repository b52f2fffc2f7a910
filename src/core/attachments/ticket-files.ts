import type { TicketEvent } from "../ticket/ticket.js";

/**
 * Files the requester's side gave the ticket, which the per-ticket cap counts: the opening message's
 * (whoever opened it) and the requesters' replies. Agents' files and internal notes do not use it up.
 */
export const requesterFileCount = (events: readonly TicketEvent[]): number => {
  const messages = events.filter((e) => e.kind === "MESSAGE");
  const opening = messages[0];
  return messages
    .filter((e) => e === opening || e.actor.kind === "REQUESTER")
    .reduce((sum, e) => sum + e.attachments.length, 0);
};
