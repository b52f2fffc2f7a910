import type { InboundDedupe } from "../../core/ports/inbound-dedupe.js";
import type { PrismaClient } from "../storage/prisma/client.js";
import type { TimerJob } from "../timers/scheduler.js";

/**
 * Telegram keeps an unconfirmed update for 24 hours, so redeliveries come within that; after a week
 * without updates it may hand out update ids again at random, so receipts must be gone well before.
 */
const KEEP_MS = 48 * 3_600_000;

export interface UpdateReceipts extends InboundDedupe {
  /** Forgets receipts older than the redelivery window; returns how many. */
  prune(now: Date): Promise<number>;
}

/**
 * Which updates were taken, in the shared database (`inbound_receipt`, key as primary key), so a
 * redelivered update is processed once by whichever instance gets it first. Keys are
 * "<prefix><update_id>" with a prefix naming the bot, since update ids are per bot.
 */
export const createUpdateReceipts = (prisma: PrismaClient, prefix: string): UpdateReceipts => ({
  async claim(updateId) {
    // ON CONFLICT DO NOTHING: a second claim counts 0 rows and never fails a transaction.
    const { count } = await prisma.inboundReceipt.createMany({
      data: [{ key: `${prefix}${updateId}` }],
      skipDuplicates: true,
    });
    return count === 1;
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
