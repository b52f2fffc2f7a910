import type { InboundReceipts, ReceiptClaim } from "../../../core/ports/inbound-receipts.js";
import type { PrismaClient } from "./client.js";

/**
 * Receipts in `inbound_receipt`, the key as primary key. A claim is one statement: inserted, or
 * taken over from a holder whose lease ran out; otherwise the row says whether it is done or busy
 * (read from the statement's snapshot, so the answer matches the insert that did not happen).
 */
export const createPrismaInboundReceipts = (prisma: PrismaClient): InboundReceipts => ({
  async claim(key, now, { leaseMs, keepMs }) {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const expiresAt = new Date(now.getTime() + keepMs);
    const rows = await prisma.$queryRaw<{ claim: ReceiptClaim }[]>`
      WITH taken AS (
        INSERT INTO inbound_receipt (key, received_at, lease_until, expires_at)
        VALUES (${key}, ${now}, ${leaseUntil}, ${expiresAt})
        ON CONFLICT (key) DO UPDATE SET lease_until = EXCLUDED.lease_until, expires_at = EXCLUDED.expires_at
          WHERE inbound_receipt.done_at IS NULL AND inbound_receipt.lease_until < ${now}
        RETURNING 'new' AS claim
      )
      SELECT claim FROM taken
      UNION ALL
      SELECT CASE WHEN done_at IS NOT NULL THEN 'done' ELSE 'busy' END
      FROM inbound_receipt WHERE key = ${key} AND NOT EXISTS (SELECT 1 FROM taken)`;
    // No row at all: released or pruned between the insert and the read; the next delivery finds it free.
    return rows[0]?.claim ?? "busy";
  },

  async finish(key, now) {
    await prisma.inboundReceipt.updateMany({ where: { key }, data: { doneAt: now, leaseUntil: null } });
  },

  async release(key) {
    await prisma.inboundReceipt.deleteMany({ where: { key, doneAt: null } });
  },

  async mark(key, now, keepMs) {
    const { count } = await prisma.inboundReceipt.createMany({
      data: [{ key, receivedAt: now, doneAt: now, expiresAt: new Date(now.getTime() + keepMs) }],
      skipDuplicates: true,
    });
    return count === 1;
  },

  async forget(key) {
    await prisma.inboundReceipt.deleteMany({ where: { key } });
  },

  async isDone(key) {
    const row = await prisma.inboundReceipt.findUnique({ where: { key }, select: { doneAt: true } });
    return row?.doneAt != null;
  },

  async prune(now, limit) {
    // In batches by key, so a large backlog never holds a long lock.
    return prisma.$executeRaw`
      DELETE FROM inbound_receipt WHERE key IN (
        SELECT key FROM inbound_receipt WHERE expires_at < ${now} ORDER BY expires_at LIMIT ${limit}
      )`;
  },
});
