import type { PrismaClient } from "../storage/prisma/client.js";
import type { TimerJob } from "../timers/scheduler.js";

/**
 * Telegram keeps an unconfirmed update for 24 hours, so redeliveries come within that; after a week
 * without updates it may hand out update ids again at random, so receipts must be gone well before.
 */
const KEEP_MS = 48 * 3_600_000;

/**
 * How long one instance may work on an update before a redelivery elsewhere takes it over. Processing
 * takes well under a second; the rest covers a slow file download. An instance that died holding an
 * update therefore delays its redelivery by at most this, and loses nothing.
 */
export const UPDATE_LEASE_MS = 20_000;

export type ReceiptClaim = "new" | "done" | "busy";

export interface UpdateReceipts {
  /**
   * "new": this call holds the update until `finish` or `release`; "done": already processed;
   * "busy": another instance holds it and its lease has not run out.
   */
  claim(updateId: string, now: Date): Promise<ReceiptClaim>;
  /** The update was processed: every later delivery of it is "done". */
  finish(updateId: string, now: Date): Promise<void>;
  /** Processing failed: the platform's redelivery is processed again. */
  release(updateId: string): Promise<void>;
  /** Forgets receipts older than the redelivery window; returns how many. */
  prune(now: Date): Promise<number>;
}

/**
 * Which updates were taken, in the shared database (`inbound_receipt`, key as primary key), so a
 * redelivered update is processed once by whichever instance gets it first, and an update held by an
 * instance that died is processed by the redelivery once the lease runs out. Keys are
 * "<prefix><update_id>" with a prefix naming the bot, since update ids are per bot.
 */
export const createUpdateReceipts = (prisma: PrismaClient, prefix: string): UpdateReceipts => ({
  async claim(updateId, now) {
    const key = `${prefix}${updateId}`;
    const leaseUntil = new Date(now.getTime() + UPDATE_LEASE_MS);
    // Inserted, or taken over from a holder whose lease ran out; a row without a lease is final.
    const taken = await prisma.$queryRaw<{ key: string }[]>`
      INSERT INTO inbound_receipt (key, received_at, lease_until) VALUES (${key}, ${now}, ${leaseUntil})
      ON CONFLICT (key) DO UPDATE SET lease_until = EXCLUDED.lease_until
        WHERE inbound_receipt.done_at IS NULL AND inbound_receipt.lease_until < ${now}
      RETURNING key`;
    if (taken.length > 0) return "new";
    const row = await prisma.inboundReceipt.findUnique({
      where: { key },
      select: { doneAt: true, leaseUntil: true },
    });
    // Gone in between (pruned or released): the next delivery finds it free.
    if (!row) return "busy";
    return row.doneAt !== null || row.leaseUntil === null ? "done" : "busy";
  },
  async finish(updateId, now) {
    await prisma.inboundReceipt.updateMany({ where: { key: `${prefix}${updateId}` }, data: { doneAt: now } });
  },
  async release(updateId) {
    await prisma.inboundReceipt.deleteMany({ where: { key: `${prefix}${updateId}` } });
  },
  async prune(now) {
    const { count } = await prisma.inboundReceipt.deleteMany({
      where: { key: { startsWith: prefix }, receivedAt: { lt: new Date(now.getTime() - KEEP_MS) } },
    });
    return count;
  },
});

/** Runs the pruning with the service's timers. It reports 0 fired: nobody needs waking for it. */
export const receiptPruningJob = (receipts: UpdateReceipts): TimerJob => ({
  name: "telegram_receipts",
  run: async (now) => {
    await receipts.prune(now);
    return 0;
  },
});
