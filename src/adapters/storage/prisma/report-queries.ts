import type { ReportQueries, ReportScope, SlaOutcome, StatusTime } from "../../../core/ports/reports.js";
import {
  funnelOf,
  INTAKE_CHANNELS,
  INTAKE_FLOW,
  sortRatingGroups,
  sortStatusTimes,
} from "../../../core/reports/figures.js";
import type { Priority } from "../../../core/ticket/priority.js";
import { isClosed, TICKET_STATUSES, type TicketStatus } from "../../../core/ticket/status.js";
import type { SlaPolicy } from "../../../core/timers/sla.js";
import { Prisma, type PrismaClient } from "./client.js";

/** Closed statuses as enum literals (a closed set, never user input): time in them is not reported. */
const CLOSED_SQL = Prisma.raw(
  TICKET_STATUSES.filter(isClosed)
    .map((s) => `'${s}'`)
    .join(", "),
);
const INTAKE_CHANNELS_SQL = Prisma.raw(INTAKE_CHANNELS.map((c) => `'${c}'::"Channel"`).join(", "));

const ticketWhere = (scope: ReportScope): Prisma.Sql => {
  const where = [Prisma.sql`TRUE`];
  if (scope.organizationId) where.push(Prisma.sql`t.organization_id = ${scope.organizationId}::uuid`);
  if (scope.requesterPersonId)
    where.push(Prisma.sql`t.requester_person_id = ${scope.requesterPersonId}::uuid`);
  if (scope.department) where.push(Prisma.sql`t.department = ${scope.department}`);
  if (scope.from) where.push(Prisma.sql`t.created_at >= ${scope.from}::timestamptz`);
  if (scope.to) where.push(Prisma.sql`t.created_at < ${scope.to}::timestamptz`);
  return Prisma.join(where, " AND ");
};

/** Milliseconds between two timestamptz(3) expressions, exactly (extract gives numeric). */
const ms = (later: Prisma.Sql, earlier: Prisma.Sql) =>
  Prisma.sql`((extract(epoch from ${later}) - extract(epoch from ${earlier})) * 1000)`;

const targetSql = (policy: SlaPolicy, field: "firstResponseMs" | "resolutionMs") =>
  Prisma.sql`CASE t.priority ${Prisma.join(
    (Object.keys(policy.targets) as Priority[]).map(
      (p) => Prisma.sql`WHEN ${p}::"Priority" THEN ${policy.targets[p][field]}::numeric`,
    ),
    " ",
  )} END`;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The report figures in SQL, the same in PostgreSQL and PGlite: time in status replayed from the
 * STATUS_CHANGED events with a window function, percentiles with percentile_cont, SLA outcomes with
 * each ticket's priority target; only the figures leave the database.
 */
export const createPrismaReportQueries = (prisma: PrismaClient): ReportQueries => ({
  async timeInStatus(scope, now) {
    const rows = await prisma.$queryRaw<
      {
        department: string | null;
        period: string | null;
        status: TicketStatus;
        count: bigint;
        avg: unknown;
        p90: unknown;
      }[]
    >`
      WITH scoped AS (
        SELECT t.id, t.department, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS period, t.created_at
        FROM ticket t WHERE ${ticketWhere(scope)}
      ),
      changes AS (
        SELECT s.id, s.department, s.period, 'NEW'::text AS status, s.created_at AS at, 0::bigint AS seq FROM scoped s
        UNION ALL
        SELECT s.id, s.department, s.period, e.to_value, e.created_at, e.id FROM ticket_event e JOIN scoped s ON s.id = e.ticket_id
        WHERE e.kind = 'STATUS_CHANGED' AND e.to_value IS NOT NULL
      ),
      spans AS (
        SELECT id, department, period, status, at,
          coalesce(lead(at) OVER (PARTITION BY id ORDER BY at, seq), ${now}::timestamptz) AS until
        FROM changes
      ),
      per_ticket AS (
        SELECT id, department, period, status, sum(greatest(0, ${ms(Prisma.sql`until`, Prisma.sql`at`)})) AS ms
        FROM spans WHERE status NOT IN (${CLOSED_SQL}) GROUP BY id, department, period, status
      )
      SELECT CASE WHEN GROUPING(department) = 1 THEN NULL ELSE department END AS department,
        CASE WHEN GROUPING(period) = 1 THEN NULL ELSE period END AS period, status,
        count(*) AS count, round(avg(ms)) AS avg,
        round((percentile_cont(0.9) WITHIN GROUP (ORDER BY ms))::numeric) AS p90
      FROM per_ticket WHERE ms > 0
      GROUP BY GROUPING SETS ((department, status), (period, status), (status))`;
    const figures: StatusTime[] = rows.map((r) => ({
      department: r.department,
      period: r.period,
      status: r.status,
      count: num(r.count),
      averageMs: num(r.avg),
      p90Ms: num(r.p90),
    }));
    return sortStatusTimes(figures);
  },

  async ratings(scope) {
    const where = Prisma.sql`${ticketWhere(scope)} AND t.rating IS NOT NULL`;
    const [all] = await prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT count(*) AS count, round(avg(t.rating)::numeric, 2) AS average,
        count(*) FILTER (WHERE t.rating = 1) AS "1", count(*) FILTER (WHERE t.rating = 2) AS "2",
        count(*) FILTER (WHERE t.rating = 3) AS "3", count(*) FILTER (WHERE t.rating = 4) AS "4",
        count(*) FILTER (WHERE t.rating = 5) AS "5"
      FROM ticket t WHERE ${where}`;
    const byAgent = await prisma.$queryRaw<
      { agentId: string | null; agentName: string | null; count: bigint; average: unknown }[]
    >`
      SELECT t.assignee_id AS "agentId", t.assignee_name AS "agentName", count(*) AS count,
        round(avg(t.rating)::numeric, 2) AS average
      FROM ticket t WHERE ${where} GROUP BY t.assignee_id, t.assignee_name`;
    const byDepartment = await prisma.$queryRaw<{ department: string; count: bigint; average: unknown }[]>`
      SELECT t.department, count(*) AS count, round(avg(t.rating)::numeric, 2) AS average
      FROM ticket t WHERE ${where} GROUP BY t.department`;
    return sortRatingGroups({
      count: num(all!.count),
      average: numOrNull(all!.average),
      distribution: {
        "1": num(all!["1"]),
        "2": num(all!["2"]),
        "3": num(all!["3"]),
        "4": num(all!["4"]),
        "5": num(all!["5"]),
      },
      byAgent: byAgent.map((r) => ({ ...r, count: num(r.count), average: num(r.average) })),
      byDepartment: byDepartment.map((r) => ({ ...r, count: num(r.count), average: num(r.average) })),
    });
  },

  async slaOutcomes(scope, now, policy) {
    const at = Prisma.sql`${now}::timestamptz`;
    // The same arithmetic as core/timers/sla.ts: wall time to the first response; for resolution,
    // wall time less the time spent waiting on the requester, up to the close (or now).
    const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`
      WITH base AS (
        SELECT t.status::text AS status, t.first_response_at IS NOT NULL AS fr_stopped,
          CASE WHEN t.first_response_at IS NOT NULL
            THEN greatest(0, ${ms(Prisma.sql`t.first_response_at`, Prisma.sql`t.created_at`)})
            ELSE greatest(0, ${ms(at, Prisma.sql`t.created_at`)} - t.sla_paused_ms
              - coalesce(greatest(0, ${ms(at, Prisma.sql`t.sla_paused_since`)}), 0)) END AS fr_elapsed,
          ${targetSql(policy, "firstResponseMs")} AS fr_target,
          (t.status IN (${CLOSED_SQL}) AND t.closed_at IS NOT NULL) AS res_stopped,
          CASE WHEN t.status IN (${CLOSED_SQL}) AND t.closed_at IS NOT NULL THEN t.closed_at ELSE ${at} END AS res_at,
          t.created_at, t.sla_paused_ms, t.sla_paused_since,
          ${targetSql(policy, "resolutionMs")} AS res_target
        FROM ticket t WHERE ${ticketWhere(scope)}
      ),
      c AS (
        SELECT *, greatest(0, ${ms(Prisma.sql`res_at`, Prisma.sql`created_at`)} - sla_paused_ms
          - coalesce(greatest(0, ${ms(Prisma.sql`res_at`, Prisma.sql`sla_paused_since`)}), 0)) AS res_elapsed
        FROM base
      )
      SELECT
        count(*) FILTER (WHERE fr_stopped AND fr_elapsed <= fr_target) AS fr_met,
        count(*) FILTER (WHERE fr_elapsed > fr_target) AS fr_breached,
        count(*) FILTER (WHERE NOT fr_stopped AND fr_elapsed <= fr_target) AS fr_running,
        round(avg(fr_elapsed) FILTER (WHERE fr_stopped)) AS fr_avg,
        count(*) FILTER (WHERE status <> 'ABANDONED' AND res_stopped AND res_elapsed <= res_target) AS res_met,
        count(*) FILTER (WHERE status <> 'ABANDONED' AND res_elapsed > res_target) AS res_breached,
        count(*) FILTER (WHERE status <> 'ABANDONED' AND NOT res_stopped AND res_elapsed <= res_target) AS res_running,
        round(avg(res_elapsed) FILTER (WHERE status <> 'ABANDONED' AND res_stopped)) AS res_avg
      FROM c`;
    const outcome = (prefix: "fr" | "res"): SlaOutcome => ({
      met: num(row![`${prefix}_met`]),
      breached: num(row![`${prefix}_breached`]),
      running: num(row![`${prefix}_running`]),
      averageMs: numOrNull(row![`${prefix}_avg`]),
    });
    return { firstResponse: outcome("fr"), resolution: outcome("res") };
  },

  async intakeFunnel(scope) {
    const where = [Prisma.sql`af.flow = ${INTAKE_FLOW}`];
    if (scope.from) where.push(Prisma.sql`af.created_at >= ${scope.from}::timestamptz`);
    if (scope.to) where.push(Prisma.sql`af.created_at < ${scope.to}::timestamptz`);
    if (scope.organizationId) where.push(Prisma.sql`p.organization_id = ${scope.organizationId}::uuid`);
    if (scope.requesterPersonId) where.push(Prisma.sql`p.id = ${scope.requesterPersonId}::uuid`);
    const stopped = await prisma.$queryRaw<{ step: string; count: bigint }[]>`
      SELECT af.step, count(*) AS count FROM abandoned_flow af
        LEFT JOIN contact c ON c.id = af.contact_id LEFT JOIN person p ON p.id = c.person_id
      WHERE ${Prisma.join(where, " AND ")} GROUP BY af.step`;
    const [opened] = await prisma.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM ticket t
      WHERE ${ticketWhere({ ...scope, department: undefined })} AND t.channel IN (${INTAKE_CHANNELS_SQL})`;
    const openedCount = num(opened!.count);
    return {
      opened: openedCount,
      steps: funnelOf(openedCount, new Map(stopped.map((s) => [s.step, num(s.count)]))),
    };
  },
});
