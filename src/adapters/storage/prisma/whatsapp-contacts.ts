import type { WhatsAppContacts } from "../../whatsapp/ports.js";
import type { PrismaClient } from "./client.js";

/** Contact.lastInboundAt, where WhatsApp's 24-hour customer-service window starts. */
export const createPrismaWhatsAppContacts = (prisma: PrismaClient): WhatsAppContacts => ({
  async recordInbound(contactId, at) {
    await prisma.contact.updateMany({
      where: { id: contactId, OR: [{ lastInboundAt: null }, { lastInboundAt: { lt: at } }] },
      data: { lastInboundAt: at },
    });
  },
  async lastInboundAt(contactId) {
    const row = await prisma.contact.findUnique({
      where: { id: contactId },
      select: { lastInboundAt: true },
    });
    return row?.lastInboundAt ?? null;
  },
});
