import type { OnceKeys } from "../../whatsapp/ports.js";
import type { PrismaClient } from "./client.js";

/**
 * Once-only keys in the InboundReceipt table: WhatsApp message ids already processed (Meta redelivers
 * for days, past the conversation engine's short dedupe window) and templates already sent per window.
 */
export const createPrismaOnceKeys = (prisma: PrismaClient): OnceKeys => ({
  async seen(key) {
    return (await prisma.inboundReceipt.count({ where: { key } })) > 0;
  },
  async claim(key, at) {
    const { count } = await prisma.inboundReceipt.createMany({
      data: [{ key, receivedAt: at }],
      skipDuplicates: true,
    });
    return count === 1;
  },
  async forget(key) {
    await prisma.inboundReceipt.deleteMany({ where: { key } });
  },
  async prune(before) {
    const { count } = await prisma.inboundReceipt.deleteMany({
      where: { receivedAt: { lt: before }, key: { startsWith: "whatsapp:" } },
    });
    return count;
  },
});
