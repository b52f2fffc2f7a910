import { RECEIPTS, type WhatsAppDeliveries, WINDOW_HOLD_REASON } from "../../whatsapp/ports.js";
import { Prisma, type PrismaClient } from "./client.js";

const rank = (receipt: string): number => RECEIPTS.indexOf(receipt as (typeof RECEIPTS)[number]) + 1;

/** The stored receipt's rank in SQL, 0 when none yet; mirrors RECEIPTS. */
const STORED_RANK = Prisma.sql`(CASE receipt ${Prisma.join(
  RECEIPTS.map((r, i) => Prisma.sql`WHEN ${r} THEN ${i + 1}`),
  " ",
)} ELSE 0 END)`;

/**
 * WhatsApp's bookkeeping on outbox rows: receipts per platform message id, items reopened when
 * Meta refuses a message after accepting it, and items released when the 24-hour window opens.
 * Every statement is a single conditional UPDATE, so duplicates and reordering are harmless.
 */
export const createPrismaWhatsAppDeliveries = (prisma: PrismaClient): WhatsAppDeliveries => ({
  async advance(platformMessageId, receipt) {
    const count = await prisma.$executeRaw`
      UPDATE outbox_item SET receipt = ${receipt}
      WHERE platform_message_id = ${platformMessageId} AND channel = 'WHATSAPP'
        AND ${STORED_RANK} < ${rank(receipt)}`;
    return count > 0;
  },

  async reopen(platformMessageId, { at, failure, reason }) {
    const marker = failure
      ? Prisma.sql`payload || ${JSON.stringify({ whatsappFailure: failure })}::jsonb`
      : Prisma.sql`payload`;
    const rows = await prisma.$queryRaw<{ scope: string; contact_id: string | null }[]>`
      UPDATE outbox_item
      SET state = 'PENDING', available_at = ${at}, claimed_by = NULL, claimed_until = NULL,
        receipt = 'FAILED', last_error = ${reason.slice(0, 1000)}, delivered_at = NULL, payload = ${marker}
      WHERE platform_message_id = ${platformMessageId} AND channel = 'WHATSAPP' AND state = 'DELIVERED'
      RETURNING scope, payload->>'contactId' AS contact_id`;
    const row = rows[0];
    return row ? { scope: row.scope, contactId: row.contact_id } : null;
  },

  async releaseHeld(scope, at) {
    return prisma.$executeRaw`
      UPDATE outbox_item SET available_at = ${at}
      WHERE scope = ${scope} AND channel = 'WHATSAPP' AND state = 'PENDING'
        AND (claimed_until IS NULL OR claimed_until < ${at})
        AND available_at > ${at} AND starts_with(last_error, ${WINDOW_HOLD_REASON})`;
  },
});
