import type { OutboxItem } from "../../../core/outbox/delivery.js";
import type { ClaimRequest, OutboxQueue } from "../../../core/ports/outbox-queue.js";
import type { Channel } from "../../../core/ticket/channel.js";
import { Prisma, type PrismaClient } from "./client.js";

interface ClaimedRow {
  id: bigint;
  key: string;
  channel: Channel;
  kind: string;
  ticket_id: string | null;
  scope: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
}

const toItem = (row: ClaimedRow): OutboxItem => ({
  id: String(row.id),
  key: row.key,
  channel: row.channel,
  kind: row.kind,
  ticketId: row.ticket_id,
  scope: row.scope,
  payload: row.payload,
  attempts: row.attempts,
  createdAt: row.created_at,
});

/** Longest error text kept on a row; platform error bodies can be large. */
const ERROR_MAX = 1000;

/**
 * The outbox as a queue on PostgreSQL (and PGlite). Claiming is one statement: due rows are
 * locked with FOR UPDATE SKIP LOCKED, so instances never wait for each other or take the same
 * row, and leased with claimed_until, so a crashed worker's rows come back. A row is claimable
 * only when no earlier row of its scope is still pending, which keeps each chat in order.
 */
export const createPrismaOutboxQueue = (prisma: PrismaClient): OutboxQueue => ({
  async claim({ workerId, channels, limit, leaseMs, now }: ClaimRequest) {
    if (channels.length === 0 || limit <= 0) return [];
    const until = new Date(now.getTime() + leaseMs);
    const rows = await prisma.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT o.id FROM outbox_item o
        WHERE o.state = 'PENDING'
          AND o.available_at <= ${now}
          AND (o.claimed_until IS NULL OR o.claimed_until < ${now})
          AND o.channel::text IN (${Prisma.join([...channels])})
          AND NOT EXISTS (
            SELECT 1 FROM outbox_item earlier
            WHERE earlier.scope = o.scope AND earlier.state = 'PENDING' AND earlier.id < o.id
          )
        ORDER BY o.id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE outbox_item AS item
      SET claimed_by = ${workerId}, claimed_until = ${until}, attempts = item.attempts + 1
      FROM due WHERE item.id = due.id
      RETURNING item.id, item.key, item.channel::text AS channel, item.kind, item.ticket_id::text AS ticket_id,
        item.scope, item.payload, item.attempts, item.created_at`;
    return rows.map(toItem).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  },

  async markDelivered(id, { platformMessageId, at }) {
    // Whoever sent it, it was sent: recorded even if this worker's lease ran out meanwhile.
    const { count } = await prisma.outboxItem.updateMany({
      where: { id: BigInt(id), state: "PENDING" },
      data: {
        state: "DELIVERED",
        platformMessageId,
        deliveredAt: at,
        claimedBy: null,
        claimedUntil: null,
        lastError: null,
      },
    });
    return count === 1;
  },

  async scheduleRetry(id, workerId, { availableAt, error }) {
    const { count } = await prisma.outboxItem.updateMany({
      where: { id: BigInt(id), state: "PENDING", claimedBy: workerId },
      data: { availableAt, claimedBy: null, claimedUntil: null, lastError: error.slice(0, ERROR_MAX) },
    });
    return count === 1;
  },

  async markFailed(id, workerId, { error }) {
    const { count } = await prisma.outboxItem.updateMany({
      where: { id: BigInt(id), state: "PENDING", claimedBy: workerId },
      data: { state: "FAILED", claimedBy: null, claimedUntil: null, lastError: error.slice(0, ERROR_MAX) },
    });
    return count === 1;
  },

  async release(workerId) {
    const { count } = await prisma.outboxItem.updateMany({
      where: { state: "PENDING", claimedBy: workerId },
      data: { claimedBy: null, claimedUntil: null },
    });
    return count;
  },

  async cancel(key) {
    const { count } = await prisma.outboxItem.updateMany({
      where: { key, state: "PENDING", claimedBy: null, attempts: 0 },
      data: { state: "CANCELLED" },
    });
    return count === 1;
  },

  async updatePending(key, change) {
    const { count } = await prisma.outboxItem.updateMany({
      where: { key, state: "PENDING", claimedBy: null, attempts: 0 },
      data: {
        ...(change.payload ? { payload: change.payload as Prisma.InputJsonValue } : {}),
        ...(change.availableAt ? { availableAt: change.availableAt } : {}),
      },
    });
    return count === 1;
  },

  depth: () => prisma.outboxItem.count({ where: { state: "PENDING" } }),
});
