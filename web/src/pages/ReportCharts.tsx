import { useApp } from "../context";
import type { Dictionary } from "../i18n";
import { BarsChart } from "./BarsChart";

export interface ReportChartsData {
  timeInStatus: { status: string; count: number; averageMs: number; p90Ms: number }[];
  slaCompliance: Record<
    "firstResponse" | "resolution",
    { met: number; breached: number; running: number; averageMs: number | null }
  >;
  ratings: { count: number; average: number | null; distribution: Record<string, number> };
  intakeFunnel: { opened: number; steps: { step: string; reached: number; stopped: number }[] };
}

const HOUR = 3_600_000;

/** Hours with one decimal past an hour, else minutes, else seconds: what a manager reads at a glance. */
export const duration = (ms: number) =>
  ms >= HOUR
    ? `${(ms / HOUR).toFixed(1)} h`
    : ms >= 60_000
      ? `${Math.round(ms / 60_000)} min`
      : `${Math.round(ms / 1000)} s`;

const stepLabel = (t: Dictionary, step: string): string =>
  ({
    subject: t.subject,
    department: t.department,
    priority: t.priority,
    type: t.stepType,
    message: t.message,
    files: t.files,
    similar: t.stepSimilar,
    summary: t.stepSummary,
    edit: t.stepEdit,
  })[step] ?? step;

/** The report's four figures over the dashboard's period and filters, each as bars, table and CSV. */
export const ReportCharts = ({ data, department }: { data: ReportChartsData; department: string }) => {
  const { t } = useApp();
  const statusLabel = (s: string) => (t as unknown as Record<string, string>)[s] ?? s;
  const { ratings, intakeFunnel: funnel } = data;
  return (
    <div className="report-charts">
      <BarsChart
        id="time-in-status"
        title={t.chartTimeInStatus}
        rowHeader={t.status}
        rowCode="status"
        series={[
          { code: "average_ms", name: t.average, color: "#1a73e8" },
          { code: "p90_ms", name: t.p90, color: "#b06000" },
        ]}
        rows={data.timeInStatus.map((r) => ({
          code: r.status,
          label: `${statusLabel(r.status)} (${r.count})`,
          values: [r.averageMs, r.p90Ms],
        }))}
        format={duration}
        empty={t.noData}
      />
      <BarsChart
        id="sla-compliance"
        title={t.chartSla}
        rowHeader={t.slaClock}
        rowCode="clock"
        series={[
          { code: "met", name: t.met, color: "#137333" },
          { code: "breached", name: t.breached, color: "#c5221f" },
          { code: "running", name: t.running, color: "#5f6368" },
        ]}
        rows={(["firstResponse", "resolution"] as const).map((clock) => ({
          code: clock,
          label: t[clock],
          values: [
            data.slaCompliance[clock].met,
            data.slaCompliance[clock].breached,
            data.slaCompliance[clock].running,
          ],
        }))}
        empty={t.noData}
      />
      <BarsChart
        id="ratings"
        title={t.chartRatings}
        rowHeader={t.score}
        rowCode="score"
        series={[{ code: "count", name: t.count, color: "#7b1fa2" }]}
        rows={["5", "4", "3", "2", "1"].map((score) => ({
          code: score,
          label: "★".repeat(Number(score)),
          values: [ratings.distribution[score] ?? 0],
        }))}
        note={
          ratings.average === null
            ? undefined
            : `${t.average}: ${ratings.average.toFixed(2)} (${ratings.count})`
        }
        empty={t.noRatings}
      />
      <BarsChart
        id="intake-funnel"
        title={t.chartFunnel}
        rowHeader={t.step}
        rowCode="step"
        series={[
          { code: "reached", name: t.reached, color: "#1a73e8" },
          { code: "stopped", name: t.stoppedHere, color: "#c5221f" },
        ]}
        rows={[
          ...funnel.steps.map((s) => ({
            code: s.step,
            label: stepLabel(t, s.step),
            values: [s.reached, s.stopped],
          })),
          { code: "opened", label: t.openedTickets, values: [funnel.opened, null] },
        ]}
        note={department ? t.funnelNoDepartment : undefined}
        empty={t.noData}
      />
    </div>
  );
};
