import type { SlaOutcome } from "../../core/ports/reports.js";
import type { Report } from "../../core/reports/service.js";
import type { ReportLabels } from "./labels.js";
import { duration } from "./render.js";

const sla = (l: ReportLabels, name: string, o: SlaOutcome) =>
  `  ${name.padEnd(17)} ${l.met} ${o.met}   ${l.breached} ${o.breached}   ${l.running} ${o.running}   ${l.average} ${
    o.averageMs === null ? "-" : duration(o.averageMs)
  }`;

/** The `stats` report below the counts: time in status, ratings, SLA outcomes, intake funnel. */
export const reportText = (r: Report, l: ReportLabels, timeInStatus: string): string => {
  const statusRows = r.timeInStatus.map(
    (s) =>
      `  ${(s.department ?? (s.period ? l.month(s.period) : l.all)).padEnd(14)} ${s.status.padEnd(21)} ${String(s.count).padStart(5)}  ${l.avg} ${duration(
        s.averageMs,
      ).padEnd(8)} p90 ${duration(s.p90Ms)}`,
  );
  const { ratings } = r;
  return [
    l.period(r.period.from?.toISOString() ?? null, r.period.to?.toISOString() ?? null),
    `${timeInStatus}:`,
    ...(statusRows.length > 0 ? statusRows : ["  -"]),
    `${l.ratings}: ${ratings.count}   ${l.average} ${ratings.average ?? "-"}   ${Object.entries(
      ratings.distribution,
    )
      .map(([score, n]) => `${score}★ ${n}`)
      .join("  ")}`,
    ...ratings.byAgent.map((a) => `  ${l.agent(a.agentName)}: ${a.count}, ${l.average} ${a.average}`),
    ...ratings.byDepartment.map(
      (d) => `  ${l.department(d.department)}: ${d.count}, ${l.average} ${d.average}`,
    ),
    "SLA:",
    sla(l, l.firstResponse, r.sla.firstResponse),
    sla(l, l.resolution, r.sla.resolution),
    l.intake(r.intake.opened),
    ...r.intake.steps.map(
      (s) =>
        `  ${s.step.padEnd(11)} ${l.reached} ${String(s.reached).padStart(5)}   ${l.stopped} ${s.stopped}`,
    ),
  ].join("\n");
};
