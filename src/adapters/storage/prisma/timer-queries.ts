import type { OutboxDraft } from "../../../core/outbox/outbox-draft.js";
import type { StatsScope } from "../../../core/ports/ticket-repository.js";
import type { SlaCounts, TimerQueries } from "../../../core/ports/timer-queries.js";
import { PRIORITIES } from "../../../core/ticket/priority.js";
import { isClosed, TICKET_STATUSES } from "../../../core/ticket/status.js";
import type { Ticket } from "../../../core/ticket/ticket.js";
import type { SlaAlert, SlaPolicy, SlaStamps } from "../../../core/timers/sla.js";
import { Prisma, type PrismaClient } from "./client.js";
import { insertOutbox } from "./outbox-writer.js";
import { ticketInclude, toTicket } from "./ticket-mapper.js";

const stampsOf = (row: {
  slaFirstWarnedAt: Date | null;
  slaFirstBreachedAt: Date | null;
  slaResWarnedAt: Date | null;
  slaResBreachedAt: Date | null;
}): SlaStamps => ({
  firstWarnedAt: row.slaFirstWarnedAt,
  firstBreachedAt: row.slaFirstBreachedAt,
  resolutionWarnedAt: row.slaResWarnedAt,
  resolutionBreachedAt: row.slaResBreachedAt,
});

/** Statuses still running against the SLA, as enum literals (a closed set, never user input). */
const OPEN_STATUSES_SQL = Prisma.raw(
  TICKET_STATUSES.filter((s) => !isClosed(s))
    .map((s) => `'${s}'::"TicketStatus"`)
    .join(", "),
);

const STAMP_COLUMNS = {
  first_response: { warned: "slaFirstWarnedAt", breached: "slaFirstBreachedAt" },
  resolution: { warned: "slaResWarnedAt", breached: "slaResBreachedAt" },
} as const;

/**
 * The reads and conditional writes behind the timers. Every firing is one UPDATE whose WHERE
 * requires the stamp still unset, in the transaction that writes its notification: of several
 * instances ticking at once, exactly one changes the row and writes the item.
 */
export const createPrismaTimerQueries = (prisma: PrismaClient): TimerQueries => {
  const loadTickets = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const rows = await prisma.ticket.findMany({ where: { id: { in: ids } }, include: ticketInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row
        ? [{ ticket: toTicket(row), reminderSentAt: row.reminderSentAt, stamps: stampsOf(row) }]
        : [];
    });
  };

  return {
    /** Tickets waiting on the requester since `since` or earlier whose current wait has had no reminder. */
    async dueForReminder(since: Date, limit: number) {
      const rows = await prisma.ticket.findMany({
        where: {
          status: "WAITING_ON_REQUESTER",
          statusChangedAt: { lte: since },
          OR: [{ reminderSentAt: null }, { reminderSentAt: { lt: prisma.ticket.fields.statusChangedAt } }],
        },
        orderBy: { statusChangedAt: "asc" },
        select: { id: true },
        take: limit,
      });
      return loadTickets(rows.map((r) => r.id));
    },

    /** Tickets waiting on the requester since `since` or earlier, oldest first. */
    async waitingSince(since: Date, limit: number) {
      const rows = await prisma.ticket.findMany({
        where: { status: "WAITING_ON_REQUESTER", statusChangedAt: { lte: since } },
        orderBy: { statusChangedAt: "asc" },
        select: { id: true },
        take: limit,
      });
      return loadTickets(rows.map((r) => r.id));
    },

    /** Still at triage: support replied and the requester has not written since (see core/timers/triage.ts). */
    async atTriageSince(since: Date, limit: number) {
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        SELECT t.id::text AS id FROM ticket t
        WHERE t.status = 'WAITING_ON_REQUESTER' AND t.status_changed_at <= ${since}::timestamptz
          AND t.first_response_at IS NOT NULL
          AND (t.requester_last_msg_at IS NULL OR t.requester_last_msg_at <= t.first_response_at)
        ORDER BY t.status_changed_at LIMIT ${limit}`;
      return loadTickets(rows.map((r) => r.id));
    },

    /** Stamps the reminder of the ticket's current wait and writes its items; false if it was not due any more. */
    markReminded: (ticket: Ticket, now: Date, drafts: readonly OutboxDraft[]) =>
      prisma.$transaction(async (tx) => {
        const { count } = await tx.ticket.updateMany({
          where: {
            id: ticket.id,
            status: "WAITING_ON_REQUESTER",
            statusChangedAt: ticket.statusChangedAt,
            OR: [{ reminderSentAt: null }, { reminderSentAt: { lt: ticket.statusChangedAt } }],
          },
          data: { reminderSentAt: now },
        });
        if (count === 1) await insertOutbox(tx, drafts);
        return count === 1;
      }),

    /**
     * Open, unpaused tickets whose SLA time may have reached a warning or a breach still unstamped:
     * created_at + paused time <= now - threshold is the exact test for a running clock.
     */
    async slaCandidates(now: Date, policy: SlaPolicy, limit: number) {
      const cut = (ms: number) => new Date(now.getTime() - ms);
      const clauses = PRIORITIES.map((p) => {
        const { firstResponseMs, resolutionMs } = policy.targets[p];
        return Prisma.sql`(t.priority = ${p}::"Priority" AND (
          (t.first_response_at IS NULL AND t.sla_first_breached_at IS NULL AND t.created_at + t.sla_paused_ms * interval '1 millisecond'
            <= CASE WHEN t.sla_first_warned_at IS NULL THEN ${cut(firstResponseMs * policy.warnRatio)}::timestamptz ELSE ${cut(firstResponseMs)}::timestamptz END)
          OR (t.sla_res_breached_at IS NULL AND t.created_at + t.sla_paused_ms * interval '1 millisecond'
            <= CASE WHEN t.sla_res_warned_at IS NULL THEN ${cut(resolutionMs * policy.warnRatio)}::timestamptz ELSE ${cut(resolutionMs)}::timestamptz END)))`;
      });
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        SELECT t.id::text AS id FROM ticket t
        WHERE t.status NOT IN ('SOLVED', 'ABANDONED') AND t.sla_paused_since IS NULL
          AND (${Prisma.join(clauses, " OR ")})
        ORDER BY t.created_at LIMIT ${limit}`;
      return loadTickets(rows.map((r) => r.id));
    },

    /** Stamps one alert (a breach stamps its warning too, so no late warning follows) and writes its items. */
    stampSla: (ticketId: string, alert: SlaAlert, now: Date, drafts: readonly OutboxDraft[]) =>
      prisma.$transaction(async (tx) => {
        const columns = STAMP_COLUMNS[alert.clock];
        const where: Prisma.TicketWhereInput =
          alert.level === "breach"
            ? { id: ticketId, [columns.breached]: null }
            : { id: ticketId, [columns.breached]: null, [columns.warned]: null };
        const data = { [alert.level === "breach" ? columns.breached : columns.warned]: now };
        const { count } = await tx.ticket.updateMany({ where, data });
        if (count === 1 && alert.level === "breach") {
          await tx.ticket.updateMany({
            where: { id: ticketId, [columns.warned]: null },
            data: { [columns.warned]: now },
          });
        }
        if (count === 1) await insertOutbox(tx, drafts);
        return count === 1;
      }),

    /** Open tickets past an SLA target, for stats. */
    async slaCounts(scope: StatsScope) {
      // Open tickets are a small share of a desk's history: listed by status, with the stamps in the
      // (status, organization, stamps) index, the counts come from the index alone in one pass.
      const where = [Prisma.sql`t.status IN (${OPEN_STATUSES_SQL})`];
      if (scope.organizationId) where.push(Prisma.sql`t.organization_id = ${scope.organizationId}::uuid`);
      if (scope.requesterPersonId)
        where.push(Prisma.sql`t.requester_person_id = ${scope.requesterPersonId}::uuid`);
      const [row] = await prisma.$queryRaw<Record<keyof SlaCounts, bigint>[]>`
        SELECT
          count(*) FILTER (WHERE t.sla_first_breached_at IS NOT NULL) AS "firstResponseBreached",
          count(*) FILTER (WHERE t.sla_res_breached_at IS NOT NULL) AS "resolutionBreached",
          count(*) FILTER (WHERE t.sla_first_warned_at IS NOT NULL AND t.sla_first_breached_at IS NULL)
            AS "firstResponseWarned",
          count(*) FILTER (WHERE t.sla_res_warned_at IS NOT NULL AND t.sla_res_breached_at IS NULL)
            AS "resolutionWarned"
        FROM ticket t WHERE ${Prisma.join(where, " AND ")}`;
      return {
        firstResponseBreached: Number(row!.firstResponseBreached),
        resolutionBreached: Number(row!.resolutionBreached),
        firstResponseWarned: Number(row!.firstResponseWarned),
        resolutionWarned: Number(row!.resolutionWarned),
      };
    },
  };
};
