import type { OpenedPerDay } from "../../core/ports/ticket-charts.js";
import type { DashboardCounts } from "../../core/ports/ticket-repository.js";
import type { SlaCounts } from "../../core/ports/timer-queries.js";
import type { Report } from "../../core/reports/service.js";
import type { Actor } from "../../core/ticket/ticket.js";
import type { WebDeps } from "./deps.js";

const DAY = 86_400_000;

export interface DashboardQuery {
  readonly days: number;
  readonly department?: string | undefined;
  readonly organization?: string | undefined;
}

/** The seed portal's counts and the period's charts, as the dashboard page reads them. */
export type DashboardFigures =
  | { readonly ok: true; readonly body: DashboardBody }
  | { readonly ok: false; readonly code: string };

export type DashboardBody = ReturnType<typeof bodyOf>;

/** Every figure of one dashboard view, computed now (the route keeps them; see figures-cache.ts). */
export const dashboardFigures = async (
  deps: WebDeps,
  actor: Actor,
  query: DashboardQuery,
): Promise<DashboardFigures> => {
  const to = deps.clock.now();
  const { days, department, organization } = query;
  const from = new Date(to.getTime() - days * DAY);
  const scope = organization ? { organizationId: organization } : {};
  const [counts, sla, opened, report] = await Promise.all([
    deps.service.stats(actor, scope),
    deps.slaCounts(scope),
    deps.charts.openedPerDay({
      from,
      to,
      timeZone: deps.settings.timeZone,
      ...scope,
      ...(department ? { department } : {}),
    }),
    deps.reports.report(actor, { from, to, ...scope, ...(department ? { department } : {}) }),
  ]);
  if (!report.ok) return { ok: false, code: report.error.code };
  return { ok: true, body: bodyOf(days, from, to, counts, sla, opened, report.value) };
};

const bodyOf = (
  days: number,
  from: Date,
  to: Date,
  counts: DashboardCounts,
  sla: SlaCounts,
  opened: readonly OpenedPerDay[],
  report: Report,
) => {
  const { timeInStatus, sla: outcomes, ratings, intake } = report;
  return {
    period: { from: from.toISOString(), to: to.toISOString(), days },
    counts: {
      total: counts.total,
      open: counts.open,
      answered: counts.answered,
      closed: counts.closed,
      highPriority: counts.highPriority,
    },
    byStatus: counts.byStatus,
    byDepartment: counts.byDepartment,
    sla,
    charts: {
      openedPerDay: opened,
      // The scope already holds the department, so the overall rows are the chosen department's.
      timeInStatus: timeInStatus
        .filter((r) => r.department === null && r.period === null)
        .map(({ status, count, averageMs, p90Ms }) => ({ status, count, averageMs, p90Ms })),
      slaCompliance: outcomes,
      ratings: { count: ratings.count, average: ratings.average, distribution: ratings.distribution },
      intakeFunnel: intake,
    },
  };
};
