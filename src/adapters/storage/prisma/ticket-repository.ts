import type {
  DashboardCounts,
  NewTicket,
  Page,
  StatsScope,
  TagCount,
  TicketQuery,
  TicketRepository,
} from "../../../core/ports/ticket-repository.js";
import { ok } from "../../../core/shared/result.js";
import { applyPatch } from "../../../core/ticket/decisions.js";
import type { Priority } from "../../../core/ticket/priority.js";
import {
  isClosed,
  PUBLIC_STATUS_OF,
  TICKET_STATUSES,
  type TicketStatus,
} from "../../../core/ticket/status.js";
import type { NewTicketEvent, Ticket } from "../../../core/ticket/ticket.js";
import { encodeCursor, positionAfter } from "../cursor.js";
import { Prisma, type PrismaClient, TX_OPTIONS, type Tx } from "./client.js";
import { isUniqueViolation } from "./errors.js";
import { openTicket } from "./open-ticket-statement.js";
import { insertOutbox } from "./outbox-writer.js";
import { ticketInclude, toEvent, toTicket, toTicketUpdate } from "./ticket-mapper.js";
import { filters, pageOfIds, textVector } from "./ticket-query.js";

const insertEvents = async (tx: Tx, ticketId: string, events: readonly NewTicketEvent[]) => {
  for (const e of events) {
    await tx.ticketEvent.create({
      data: {
        ticketId,
        kind: e.kind,
        actorKind: e.actor.kind,
        actorId: e.actor.id,
        actorName: e.actor.name,
        body: e.body,
        fromValue: e.from,
        toValue: e.to,
        createdAt: e.createdAt,
        sourceKey: e.sourceKey ?? null,
        attachments: {
          create: (e.attachments ?? []).map((a) => ({ ...a, ticketId, createdAt: e.createdAt })),
        },
      },
    });
  }
};

const addSearchText = (tx: Tx, ticketId: string, text: string) =>
  tx.$executeRaw`UPDATE ticket SET search_vector = coalesce(search_vector, ''::tsvector) || ${textVector(text)} WHERE id = ${ticketId}::uuid`;

/** A revised history is searched as it now reads: withdrawn replies out, edited ones as sent. */
const rebuildSearchText = async (tx: Tx, ticketId: string, subject: string) => {
  const messages = await tx.ticketEvent.findMany({
    where: { ticketId, kind: "MESSAGE", withdrawnAt: null },
    select: { body: true },
    orderBy: { id: "asc" },
  });
  const text = [subject, ...messages.map((m) => m.body ?? "")].join(" ");
  await tx.$executeRaw`UPDATE ticket SET search_vector = ${textVector(text)} WHERE id = ${ticketId}::uuid`;
};

/** Tickets on PostgreSQL (or PGlite) through Prisma. */
export const createPrismaTicketRepository = (prisma: PrismaClient): TicketRepository => {
  const load = async (db: Tx, id: string) => {
    const row = await db.ticket.findUnique({ where: { id }, include: ticketInclude });
    return row ? toTicket(row) : null;
  };

  const createOnce = async (draft: NewTicket) => {
    if (draft.sourceKey) {
      // A redelivery finds its ticket here without drawing a number.
      const existing = await prisma.ticket.findUnique({
        where: { sourceKey: draft.sourceKey },
        include: ticketInclude,
      });
      if (existing) return { ticket: toTicket(existing), created: false };
    }
    return { ticket: await openTicket(prisma, draft), created: true };
  };

  return {
    async create(draft) {
      try {
        return await createOnce(draft);
      } catch (error) {
        // Two deliveries of one message raced past the sourceKey check: the loser returns the winner's ticket.
        if (!draft.sourceKey || !isUniqueViolation(error)) throw error;
        const existing = await prisma.ticket.findUnique({
          where: { sourceKey: draft.sourceKey },
          include: ticketInclude,
        });
        if (!existing) throw error;
        return { ticket: toTicket(existing), created: false };
      }
    },

    findById: (id) => load(prisma, id),

    async findByNumber(ticketNumber) {
      const row = await prisma.ticket.findUnique({ where: { number: ticketNumber }, include: ticketInclude });
      return row ? toTicket(row) : null;
    },

    update: (ticketId, decide, sourceKey) =>
      prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM ticket WHERE id = ${ticketId}::uuid FOR UPDATE`;
        if (locked.length === 0) throw new Error(`ticket ${ticketId} vanished`);
        const current = (await load(tx, ticketId))!;
        // Checked under the row lock, so a concurrent redelivery waits and then sees the first one's event.
        if (sourceKey && (await tx.ticketEvent.findUnique({ where: { sourceKey }, select: { id: true } }))) {
          return ok({ ticket: current, duplicate: true });
        }
        const decision = decide(current);
        if (!decision.ok) return decision;
        const { patch, events, outbox, searchText, revisions = [] } = decision.value;
        if (events.length === 0 && Object.keys(patch).length === 0 && revisions.length === 0)
          return ok({ ticket: current, duplicate: false });
        const now = events[0]?.createdAt ?? new Date();
        await tx.ticket.update({
          where: { id: ticketId },
          data: { ...toTicketUpdate(patch), updatedAt: now, version: { increment: 1 } },
        });
        for (const r of revisions) {
          await tx.ticketEvent.updateMany({
            where: { id: BigInt(r.eventId), ticketId },
            data: {
              ...(r.body !== undefined ? { body: r.body } : {}),
              ...(r.withdrawnAt ? { withdrawnAt: r.withdrawnAt } : {}),
            },
          });
        }
        await insertEvents(tx, ticketId, events);
        if (revisions.length > 0) await rebuildSearchText(tx, ticketId, current.subject);
        else if (searchText) await addSearchText(tx, ticketId, searchText);
        await insertOutbox(tx, outbox);
        // The row is locked, so what was written is exactly the current ticket with the patch applied.
        return ok({ ticket: applyPatch(current, patch, now), duplicate: false });
      }, TX_OPTIONS),

    async events(ticketId) {
      const rows = await prisma.ticketEvent.findMany({
        where: { ticketId },
        include: { attachments: { orderBy: { createdAt: "asc" } } },
        orderBy: { id: "asc" },
      });
      return rows.map(toEvent);
    },

    async list(query: TicketQuery): Promise<Page<Ticket>> {
      const { sql, field, sparse } = pageOfIds(query);
      const idsOf = async (page: Prisma.Sql) =>
        (await prisma.$queryRaw<{ id: string }[]>(page)).map((r) => r.id);
      const first = await idsOf(sql);
      const ids = sparse && first.length <= query.limit ? await idsOf(sparse) : first;
      const rows = await prisma.ticket.findMany({ where: { id: { in: ids } }, include: ticketInclude });
      const byId = new Map(rows.map((r) => [r.id, toTicket(r)]));
      const ordered = ids.map((id) => byId.get(id)).filter((t): t is Ticket => t !== undefined);
      const items = ordered.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: ordered.length > query.limit && last ? encodeCursor(positionAfter(last, field)) : null,
      };
    },

    async tagCounts(scope: StatsScope): Promise<TagCount[]> {
      const where = filters(scope);
      const clause = where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
      const closed = Prisma.join(
        TICKET_STATUSES.filter(isClosed).map((s) => Prisma.sql`${s}::"TicketStatus"`),
      );
      const rows = await prisma.$queryRaw<{ tag: string; total: bigint; not_closed: bigint }[]>`
        SELECT tag, count(*) AS total, count(*) FILTER (WHERE t.status NOT IN (${closed})) AS not_closed
        FROM ticket t CROSS JOIN LATERAL unnest(t.tags) AS tag ${clause}
        GROUP BY tag ORDER BY total DESC, tag`;
      return rows.map((r) => ({ tag: r.tag, total: Number(r.total), notClosed: Number(r.not_closed) }));
    },

    async stats(scope: StatsScope): Promise<DashboardCounts> {
      const where = filters(scope);
      const clause = where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
      // Plain columns in the order of the (department, status, priority) index, so the counts come from an
      // index-only scan in group order (an organization's from its own index) instead of the whole table.
      const groups = await prisma.$queryRaw<
        { status: TicketStatus; department: string; priority: Priority; count: bigint }[]
      >`SELECT t.department, t.status::text AS status, t.priority::text AS priority, count(*) AS count
        FROM ticket t ${clause} GROUP BY t.department, t.status, t.priority`;
      const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
      const byDepartment: Record<string, number> = {};
      const counts = { total: 0, open: 0, answered: 0, closed: 0, highPriority: 0 };
      for (const g of groups) {
        const n = Number(g.count);
        const visible = PUBLIC_STATUS_OF[g.status];
        byStatus[g.status] += n;
        byDepartment[g.department] = (byDepartment[g.department] ?? 0) + n;
        counts.total += n;
        if (visible === "OPEN") counts.open += n;
        else if (visible === "ANSWERED") counts.answered += n;
        else counts.closed += n;
        if (g.priority === "HIGH" && visible !== "CLOSED") counts.highPriority += n;
      }
      return { ...counts, byStatus, byDepartment };
    },
  };
};
