import type { LinkRole, MessageRef, TicketLinks } from "../../../core/ports/ticket-links.js";
import type { Channel } from "../../../core/ticket/channel.js";

const linkKey = (ticketId: string, channel: Channel, role: LinkRole) => `${ticketId}|${channel}|${role}`;
const messageKey = (channel: Channel, role: LinkRole, ref: MessageRef) =>
  `${channel}|${role}|${ref.conversation}|${ref.message}`;

/** Ticket links in this process; `numberOf` gives a linked ticket's number, as the database's join does. */
export const createMemoryTicketLinks = (numberOf: (ticketId: string) => number | null): TicketLinks => {
  const links = new Map<string, MessageRef>();
  const tickets = new Map<string, string>();
  return {
    get: async (ticketId, channel, role) => links.get(linkKey(ticketId, channel, role)) ?? null,
    async many(ticketIds, channel, role) {
      const found = new Map<string, MessageRef>();
      for (const id of ticketIds) {
        const ref = links.get(linkKey(id, channel, role));
        if (ref) found.set(id, ref);
      }
      return found;
    },
    async set(ticketId, channel, role, ref) {
      const key = linkKey(ticketId, channel, role);
      const previous = links.get(key);
      const taken = tickets.get(messageKey(channel, role, ref));
      if (taken !== undefined && taken !== ticketId)
        throw new Error(`message ${ref.conversation}/${ref.message} is linked to another ticket`);
      if (previous) tickets.delete(messageKey(channel, role, previous));
      links.set(key, { conversation: ref.conversation, message: ref.message });
      tickets.set(messageKey(channel, role, ref), ticketId);
    },
    async findTicket(channel, role, ref) {
      const id = tickets.get(messageKey(channel, role, ref));
      if (id === undefined) return null;
      const number = numberOf(id);
      return number === null ? null : { id, number };
    },
  };
};
