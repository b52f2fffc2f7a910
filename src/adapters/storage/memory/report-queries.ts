import type { AbandonedFlow } from "../../../core/ports/abandoned-flows.js";
import type { DirectoryRepository } from "../../../core/ports/directory.js";
import type { ReportQueries, ReportScope, SlaOutcome, StatusTime } from "../../../core/ports/reports.js";
import {
  funnelOf,
  INTAKE_CHANNELS,
  INTAKE_FLOW,
  percentileCont,
  periodOf,
  roundTo,
  sortRatingGroups,
  sortStatusTimes,
} from "../../../core/reports/figures.js";
import { isClosed, TICKET_STATUSES, type TicketStatus } from "../../../core/ticket/status.js";
import type { Ticket, TicketEvent } from "../../../core/ticket/ticket.js";
import { timeInStatus } from "../../../core/ticket/time-in-status.js";
import { slaStatus } from "../../../core/timers/sla.js";

const inPeriod = (at: Date, scope: ReportScope) =>
  (!scope.from || at >= scope.from) && (!scope.to || at < scope.to);

const average = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The report figures over the memory stores, computed the way the SQL of the Prisma store does. */
export const createMemoryReportQueries = (deps: {
  readonly tickets: () => readonly Ticket[];
  readonly events: (ticketId: string) => Promise<TicketEvent[]>;
  readonly abandoned: () => readonly AbandonedFlow[];
  readonly directory: DirectoryRepository;
}): ReportQueries => {
  const scoped = (scope: ReportScope) =>
    deps
      .tickets()
      .filter(
        (t) =>
          (!scope.organizationId || t.organizationId === scope.organizationId) &&
          (!scope.requesterPersonId || t.requester.personId === scope.requesterPersonId) &&
          (!scope.department || t.department === scope.department) &&
          inPeriod(t.createdAt, scope),
      );

  return {
    async timeInStatus(scope, now) {
      const spent = new Map<string, number[]>();
      const add = (department: string | null, period: string | null, status: TicketStatus, ms: number) => {
        const key = JSON.stringify([department, period, status]);
        spent.set(key, [...(spent.get(key) ?? []), ms]);
      };
      for (const ticket of scoped(scope)) {
        const totals = timeInStatus(ticket.createdAt, await deps.events(ticket.id), now);
        for (const status of TICKET_STATUSES) {
          if (isClosed(status) || totals[status] <= 0) continue;
          add(ticket.department, null, status, totals[status]);
          add(null, periodOf(ticket.createdAt), status, totals[status]);
          add(null, null, status, totals[status]);
        }
      }
      const rows: StatusTime[] = [...spent].map(([key, values]) => {
        const [department, period, status] = JSON.parse(key) as [string | null, string | null, TicketStatus];
        return {
          department,
          period,
          status,
          count: values.length,
          averageMs: Math.round(average(values)),
          p90Ms: Math.round(percentileCont(values, 0.9)),
        };
      });
      return sortStatusTimes(rows);
    },

    async ratings(scope) {
      const rated = scoped(scope).filter((t) => t.rating !== null);
      const scores = (ts: readonly Ticket[]) => ts.map((t) => t.rating!.score);
      const group = <K>(keyOf: (t: Ticket) => K & string) => {
        const groups = new Map<string, Ticket[]>();
        for (const t of rated) groups.set(keyOf(t), [...(groups.get(keyOf(t)) ?? []), t]);
        return [...groups.values()];
      };
      const distribution = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
      for (const score of scores(rated)) distribution[String(score) as keyof typeof distribution] += 1;
      return sortRatingGroups({
        count: rated.length,
        average: rated.length > 0 ? roundTo(average(scores(rated)), 2) : null,
        distribution,
        byAgent: group((t) => JSON.stringify([t.assignee?.id ?? null, t.assignee?.name ?? null])).map(
          (ts) => ({
            agentId: ts[0]!.assignee?.id ?? null,
            agentName: ts[0]!.assignee?.name ?? null,
            count: ts.length,
            average: roundTo(average(scores(ts)), 2),
          }),
        ),
        byDepartment: group((t) => t.department).map((ts) => ({
          department: ts[0]!.department,
          count: ts.length,
          average: roundTo(average(scores(ts)), 2),
        })),
      });
    },

    async slaOutcomes(scope, now, policy) {
      const outcome = (
        clocks: readonly { stopped: boolean; breached: boolean; elapsedMs: number }[],
      ): SlaOutcome => {
        const stopped = clocks.filter((c) => c.stopped).map((c) => c.elapsedMs);
        return {
          met: clocks.filter((c) => c.stopped && !c.breached).length,
          breached: clocks.filter((c) => c.breached).length,
          running: clocks.filter((c) => !c.stopped && !c.breached).length,
          averageMs: stopped.length > 0 ? Math.round(average(stopped)) : null,
        };
      };
      const states = scoped(scope).map((t) => ({ ticket: t, sla: slaStatus(t, now, policy) }));
      const view = (s: { state: string; breached: boolean; elapsedMs: number }) => ({
        stopped: s.state === "stopped",
        breached: s.breached,
        elapsedMs: s.elapsedMs,
      });
      return {
        firstResponse: outcome(states.map((s) => view(s.sla.firstResponse))),
        resolution: outcome(
          states.filter((s) => s.ticket.status !== "ABANDONED").map((s) => view(s.sla.resolution)),
        ),
      };
    },

    async intakeFunnel(scope) {
      const stoppedAt = new Map<string, number>();
      for (const flow of deps.abandoned()) {
        if (flow.flow !== INTAKE_FLOW || !inPeriod(flow.at, scope)) continue;
        if (scope.organizationId || scope.requesterPersonId) {
          const person = (await deps.directory.findContactById(flow.contactId))?.person;
          if (!person) continue;
          if (scope.organizationId && person.organizationId !== scope.organizationId) continue;
          if (scope.requesterPersonId && person.id !== scope.requesterPersonId) continue;
        }
        stoppedAt.set(flow.step, (stoppedAt.get(flow.step) ?? 0) + 1);
      }
      const opened = scoped({ ...scope, department: undefined }).filter((t) =>
        INTAKE_CHANNELS.includes(t.channel),
      ).length;
      return { opened, steps: funnelOf(opened, stoppedAt) };
    },
  };
};
