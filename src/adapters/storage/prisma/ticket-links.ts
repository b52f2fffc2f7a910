import type { TicketLinks } from "../../../core/ports/ticket-links.js";
import type { PrismaClient } from "./client.js";

/** Ticket links in `ticket_link`: the primary key per ticket, channel and role; a unique index per message. */
export const createPrismaTicketLinks = (prisma: PrismaClient): TicketLinks => ({
  async get(ticketId, channel, role) {
    const row = await prisma.ticketLink.findUnique({
      where: { ticketId_channel_role: { ticketId, channel, role } },
      select: { conversation: true, message: true },
    });
    return row ?? null;
  },

  async many(ticketIds, channel, role) {
    if (ticketIds.length === 0) return new Map();
    const rows = await prisma.ticketLink.findMany({
      where: { ticketId: { in: [...ticketIds] }, channel, role },
      select: { ticketId: true, conversation: true, message: true },
    });
    return new Map(rows.map((r) => [r.ticketId, { conversation: r.conversation, message: r.message }]));
  },

  async set(ticketId, channel, role, { conversation, message }) {
    await prisma.ticketLink.upsert({
      where: { ticketId_channel_role: { ticketId, channel, role } },
      create: { ticketId, channel, role, conversation, message },
      update: { conversation, message },
    });
  },

  async findTicket(channel, role, { conversation, message }) {
    const row = await prisma.ticketLink.findUnique({
      where: { channel_role_conversation_message: { channel, role, conversation, message } },
      select: { ticket: { select: { id: true, number: true } } },
    });
    return row?.ticket ?? null;
  },
});
