import type { ChartScope, OpenedPerDay, TicketCharts } from "../../../core/ports/ticket-charts.js";
import type { Channel } from "../../../core/ticket/channel.js";
import { Prisma, type PrismaClient } from "./client.js";

/** Dashboard aggregates in SQL: one grouped pass over the period's tickets (created_at is indexed). */
export const createPrismaTicketCharts = (prisma: PrismaClient): TicketCharts => ({
  async openedPerDay(scope: ChartScope): Promise<readonly OpenedPerDay[]> {
    const where = [Prisma.sql`t.created_at >= ${scope.from}`, Prisma.sql`t.created_at < ${scope.to}`];
    if (scope.organizationId) where.push(Prisma.sql`t.organization_id = ${scope.organizationId}::uuid`);
    if (scope.requesterPersonId)
      where.push(Prisma.sql`t.requester_person_id = ${scope.requesterPersonId}::uuid`);
    if (scope.department) where.push(Prisma.sql`t.department = ${scope.department}`);
    const rows = await prisma.$queryRaw<{ day: string; channel: Channel; count: bigint }[]>`
      SELECT to_char(t.created_at AT TIME ZONE ${scope.timeZone}, 'YYYY-MM-DD') AS day,
             t.channel::text AS channel, count(*) AS count
      FROM ticket t WHERE ${Prisma.join(where, " AND ")}
      GROUP BY 1, 2 ORDER BY 1, 2`;
    return rows.map((r) => ({ day: r.day, channel: r.channel, count: Number(r.count) }));
  },
});
