import {
  DELIVERY_RECEIPTS,
  type DeliveryReceipt,
  type OutboxItem,
  type OutboxState,
  type PlatformRefusal,
  type Settlement,
} from "../../../core/outbox/delivery.js";
import { withSettlements } from "../../../core/outbox/settlements.js";
import type { ClaimRequest, OutboxItemStatus, OutboxQueue } from "../../../core/ports/outbox-queue.js";
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
  cause_key: string | null;
  refusal: PlatformRefusal | null;
  attempts: number;
  created_at: Date;
}

interface SettledRow {
  key: string;
  kind: string;
  channel: Channel;
  cause_key: string | null;
  state: OutboxState;
  receipt: string | null;
}

const toItem = (row: ClaimedRow): OutboxItem => ({
  id: String(row.id),
  key: row.key,
  channel: row.channel,
  kind: row.kind,
  ticketId: row.ticket_id,
  scope: row.scope,
  payload: row.payload,
  causeKey: row.cause_key,
  refusal: row.refusal,
  attempts: row.attempts,
  createdAt: row.created_at,
});

const asReceipt = (value: string | null): DeliveryReceipt | null =>
  DELIVERY_RECEIPTS.includes(value as DeliveryReceipt) ? (value as DeliveryReceipt) : null;

const toSettlement = (row: SettledRow | undefined): Settlement | null =>
  row
    ? {
        key: row.key,
        kind: row.kind,
        channel: row.channel,
        causeKey: row.cause_key,
        state: row.state,
        receipt: asReceipt(row.receipt),
      }
    : null;

const SETTLED = Prisma.sql`key, kind, channel::text AS channel, cause_key, state::text AS state, receipt`;

/** The stored receipt's rank in SQL, 0 when none yet; mirrors DELIVERY_RECEIPTS. */
const STORED_RANK = Prisma.sql`(CASE receipt ${Prisma.join(
  DELIVERY_RECEIPTS.map((r, i) => Prisma.sql`WHEN ${r} THEN ${i + 1}`),
  " ",
)} ELSE 0 END)`;
const rankOf = (receipt: DeliveryReceipt) => DELIVERY_RECEIPTS.indexOf(receipt) + 1;

/** Longest error text kept on a row; platform error bodies can be large. */
const ERROR_MAX = 1000;

/**
 * The outbox as a queue on PostgreSQL (and PGlite). Claiming is one statement: due rows are
 * locked with FOR UPDATE SKIP LOCKED, so instances never wait for each other or take the same
 * row, and leased with claimed_until, so a crashed worker's rows come back. A row is claimable
 * only when no earlier row of its scope is still pending or held, which keeps each chat in order.
 */
export const createPrismaOutboxQueue = (prisma: PrismaClient): OutboxQueue =>
  withSettlements({
    async claim({ workerId, channels, limit, leaseMs, now }: ClaimRequest) {
      if (channels.length === 0 || limit <= 0) return [];
      const until = new Date(now.getTime() + leaseMs);
      const rows = await prisma.$queryRaw<ClaimedRow[]>`
        WITH due AS (
          SELECT o.id FROM outbox_item o
          WHERE o.state IN ('PENDING', 'HELD')
            AND o.available_at <= ${now}
            AND (o.claimed_until IS NULL OR o.claimed_until < ${now})
            AND o.channel::text IN (${Prisma.join([...channels])})
            AND NOT EXISTS (
              SELECT 1 FROM outbox_item earlier
              WHERE earlier.scope = o.scope AND earlier.state IN ('PENDING', 'HELD') AND earlier.id < o.id
            )
          ORDER BY o.id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE outbox_item AS item
        SET state = 'PENDING', claimed_by = ${workerId}, claimed_until = ${until}, attempts = item.attempts + 1
        FROM due WHERE item.id = due.id
        RETURNING item.id, item.key, item.channel::text AS channel, item.kind, item.ticket_id::text AS ticket_id,
          item.scope, item.payload, item.cause_key, item.refusal, item.attempts, item.created_at`;
      return rows.map(toItem).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    },

    async markDelivered(id, { platformMessageId, at }) {
      // Whoever sent it, it was sent: recorded even if this worker's lease ran out meanwhile.
      const rows = await prisma.$queryRaw<SettledRow[]>`
        UPDATE outbox_item SET state = 'DELIVERED', platform_message_id = ${platformMessageId},
          delivered_at = ${at}, claimed_by = NULL, claimed_until = NULL, last_error = NULL
        WHERE id = ${BigInt(id)} AND state = 'PENDING'
        RETURNING ${SETTLED}`;
      return toSettlement(rows[0]);
    },

    async scheduleRetry(id, workerId, { availableAt, error }) {
      const { count } = await prisma.outboxItem.updateMany({
        where: { id: BigInt(id), state: "PENDING", claimedBy: workerId },
        data: { availableAt, claimedBy: null, claimedUntil: null, lastError: error.slice(0, ERROR_MAX) },
      });
      return count === 1;
    },

    async hold(id, workerId, { recheckAt, reason }) {
      const { count } = await prisma.outboxItem.updateMany({
        where: { id: BigInt(id), state: "PENDING", claimedBy: workerId },
        data: {
          state: "HELD",
          availableAt: recheckAt,
          claimedBy: null,
          claimedUntil: null,
          lastError: reason.slice(0, ERROR_MAX),
        },
      });
      return count === 1;
    },

    async markFailed(id, workerId, { error }) {
      const rows = await prisma.$queryRaw<SettledRow[]>`
        UPDATE outbox_item SET state = 'FAILED', claimed_by = NULL, claimed_until = NULL,
          last_error = ${error.slice(0, ERROR_MAX)}
        WHERE id = ${BigInt(id)} AND state = 'PENDING' AND claimed_by = ${workerId}
        RETURNING ${SETTLED}`;
      return toSettlement(rows[0]);
    },

    async release(workerId) {
      const { count } = await prisma.outboxItem.updateMany({
        where: { state: "PENDING", claimedBy: workerId },
        data: { claimedBy: null, claimedUntil: null },
      });
      return count;
    },

    async cancel(key) {
      const rows = await prisma.$queryRaw<SettledRow[]>`
        UPDATE outbox_item SET state = 'CANCELLED'
        WHERE key = ${key} AND state = 'PENDING' AND claimed_by IS NULL AND attempts = 0
        RETURNING ${SETTLED}`;
      return toSettlement(rows[0]);
    },

    async reviseReply(key, body) {
      const count = await prisma.$executeRaw`
        UPDATE outbox_item SET payload = jsonb_set(payload, '{body}', ${JSON.stringify(body)}::jsonb)
        WHERE key = ${key} AND kind = 'agent_reply' AND state = 'PENDING' AND claimed_by IS NULL
          AND attempts = 0`;
      return count === 1;
    },

    async findByCause(causeKey, kind): Promise<OutboxItemStatus | null> {
      const row = await prisma.outboxItem.findFirst({
        where: { causeKey, kind },
        orderBy: { id: "asc" },
        select: { key: true, state: true, receipt: true, attempts: true },
      });
      return row ? { ...row, receipt: asReceipt(row.receipt) } : null;
    },

    async recordReceipt(channel, platformMessageId, receipt) {
      const rows = await prisma.$queryRaw<SettledRow[]>`
        UPDATE outbox_item SET receipt = ${receipt}
        WHERE platform_message_id = ${platformMessageId} AND channel = ${channel}::"Channel"
          AND ${STORED_RANK} < ${rankOf(receipt)}
        RETURNING ${SETTLED}`;
      return toSettlement(rows[0]);
    },

    async reopenDelivered(channel, platformMessageId, { at, refusal, reason, held }) {
      const rows = await prisma.$queryRaw<(SettledRow & { scope: string; contact_id: string | null })[]>`
        UPDATE outbox_item
        SET state = ${held ? "HELD" : "PENDING"}::"OutboxState", available_at = ${at}, claimed_by = NULL,
          claimed_until = NULL, receipt = 'FAILED', last_error = ${reason.slice(0, ERROR_MAX)},
          delivered_at = NULL, refusal = ${refusal ? JSON.stringify(refusal) : null}::jsonb
        WHERE platform_message_id = ${platformMessageId} AND channel = ${channel}::"Channel"
          AND state = 'DELIVERED'
        RETURNING ${SETTLED}, scope, payload->>'contactId' AS contact_id`;
      const row = rows[0];
      return row ? { ...toSettlement(row)!, scope: row.scope, contactId: row.contact_id } : null;
    },

    async releaseHeld(scope, at) {
      return prisma.$executeRaw`
        UPDATE outbox_item SET state = 'PENDING', available_at = ${at}
        WHERE scope = ${scope} AND state = 'HELD'`;
    },

    async hasPending(scope, kind) {
      const found = await prisma.outboxItem.findFirst({
        where: { scope, kind, state: { in: ["PENDING", "HELD"] } },
        select: { id: true },
      });
      return found !== null;
    },

    depth: () => prisma.outboxItem.count({ where: { state: { in: ["PENDING", "HELD"] } } }),
  });
