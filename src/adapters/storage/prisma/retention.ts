import type { RetentionStore } from "../../../core/ports/retention.js";
import { Prisma, type PrismaClient } from "./client.js";
import { textVector } from "./ticket-query.js";

const CLOSED = Prisma.sql`t.status IN ('SOLVED', 'ABANDONED') AND t.closed_at < `;

/** Retention on PostgreSQL (or PGlite): each call one statement over a bounded, SKIP LOCKED batch. */
export const createPrismaRetention = (prisma: PrismaClient): RetentionStore => ({
  async claimRun(name, holder, now, until) {
    const rows = await prisma.$queryRaw<{ name: string }[]>`
      INSERT INTO job_lease (name, holder, until) VALUES (${name}, ${holder}, ${until})
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
        WHERE job_lease.until <= ${now}
      RETURNING name`;
    return rows.length === 1;
  },

  async closedTicketFiles(cutoff, limit) {
    const rows = await prisma.$queryRaw<{ key: string }[]>`
      DELETE FROM attachment WHERE id IN (
        SELECT a.id FROM attachment a JOIN ticket t ON t.id = a.ticket_id
        WHERE ${CLOSED} ${cutoff} LIMIT ${limit} FOR UPDATE OF a SKIP LOCKED)
      RETURNING storage_key AS key`;
    return rows.map((r) => r.key);
  },

  async closedTicketText(cutoff, limit, tombstone) {
    return prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ ticket_id: string }[]>`
        UPDATE ticket_event SET body = ${tombstone} WHERE id IN (
          SELECT e.id FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
          WHERE ${CLOSED} ${cutoff} AND e.kind IN ('MESSAGE', 'NOTE', 'RATED')
            AND e.body IS NOT NULL AND e.body <> ${tombstone}
          LIMIT ${limit} FOR UPDATE OF e SKIP LOCKED)
        RETURNING ticket_id`;
      const tickets = [...new Set(rows.map((r) => r.ticket_id))];
      if (tickets.length > 0) {
        await tx.$executeRaw`
          UPDATE ticket SET rating_comment = ${tombstone}
          WHERE id = ANY(${tickets}::uuid[]) AND rating_comment IS NOT NULL`;
        for (const id of tickets) {
          const { subject } = await tx.ticket.findUniqueOrThrow({ where: { id }, select: { subject: true } });
          // Only the subject is left to find the ticket by.
          await tx.$executeRaw`UPDATE ticket SET search_vector = ${textVector(subject)} WHERE id = ${id}::uuid`;
        }
      }
      return rows.length;
    });
  },

  abandonedFlows: (cutoff, limit) => prisma.$executeRaw`
    DELETE FROM abandoned_flow WHERE id IN (
      SELECT id FROM abandoned_flow WHERE created_at < ${cutoff} LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,

  settledOutbox: (cutoff, limit) => prisma.$executeRaw`
    DELETE FROM outbox_item WHERE id IN (
      SELECT id FROM outbox_item WHERE state IN ('DELIVERED', 'FAILED', 'CANCELLED') AND created_at < ${cutoff}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
});
