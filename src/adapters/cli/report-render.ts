import type { SlaOutcome } from "../../core/ports/reports.js";
import type { Report } from "../../core/reports/service.js";
import { duration } from "./render.js";

const sla = (name: string, o: SlaOutcome) =>
  `  ${name.padEnd(15)} met ${o.met}   breached ${o.breached}   running ${o.running}   average ${
    o.averageMs === null ? "-" : duration(o.averageMs)
  }`;

/** The `stats` report below the counts: time in status, ratings, SLA outcomes, intake funnel. */
export const reportText = (r: Report): string => {
  const period = `${r.period.from?.toISOString() ?? "beginning"} to ${r.period.to?.toISOString() ?? "now"}`;
  const statusRows = r.timeInStatus.map(
    (s) =>
      `  ${(s.department ?? (s.period ? `month ${s.period}` : "(all)")).padEnd(14)} ${s.status.padEnd(21)} ${String(s.count).padStart(5)}  avg ${duration(
        s.averageMs,
      ).padEnd(8)} p90 ${duration(s.p90Ms)}`,
  );
  const { ratings } = r;
  return [
    `period: ${period} (tickets created in it)`,
    "time in status:",
    ...(statusRows.length > 0 ? statusRows : ["  -"]),
    `ratings: ${ratings.count}   average ${ratings.average ?? "-"}   ${Object.entries(ratings.distribution)
      .map(([score, n]) => `${score}★ ${n}`)
      .join("  ")}`,
    ...ratings.byAgent.map(
      (a) => `  agent ${a.agentName ?? "(unassigned)"}: ${a.count}, average ${a.average}`,
    ),
    ...ratings.byDepartment.map((d) => `  department ${d.department}: ${d.count}, average ${d.average}`),
    "SLA:",
    sla("first response", r.sla.firstResponse),
    sla("resolution", r.sla.resolution),
    `intake: ${r.intake.opened} opened by chat`,
    ...r.intake.steps.map(
      (s) => `  ${s.step.padEnd(11)} reached ${String(s.reached).padStart(5)}   stopped ${s.stopped}`,
    ),
  ].join("\n");
};
