import type { StepName } from "../conversation/state.js";
import type { FunnelStep, RatingReport, StatusTime } from "../ports/reports.js";
import type { Channel } from "../ticket/channel.js";
import { TICKET_STATUSES } from "../ticket/status.js";

type OpenStep = Extract<StepName, `open.${string}`> extends `open.${infer S}` ? S : never;

/** The intake's steps in the order a flow meets them (edit comes back from the summary). */
export const INTAKE_STEPS: readonly OpenStep[] = [
  "subject",
  "department",
  "priority",
  "type",
  "message",
  "files",
  "similar",
  "summary",
  "edit",
];

/** The flow name abandoned intake flows are recorded under. */
export const INTAKE_FLOW = "open_ticket";

/** Channels whose tickets are opened through the chat intake flow. */
export const INTAKE_CHANNELS: readonly Channel[] = ["WHATSAPP", "TELEGRAM", "CONSOLE"];

/** Reached counts from the stopped ones: a flow that stopped at a later step passed this one. */
export const funnelOf = (opened: number, stoppedAt: ReadonlyMap<string, number>): FunnelStep[] => {
  let later = opened;
  const steps: FunnelStep[] = [];
  for (const step of [...INTAKE_STEPS].reverse()) {
    const stopped = stoppedAt.get(step) ?? 0;
    later += stopped;
    steps.unshift({ step, reached: later, stopped });
  }
  return steps;
};

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
export const percentileCont = (values: readonly number[], fraction: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
};

export const roundTo = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** The month a ticket's figures fall in: its creation's, in UTC. */
export const periodOf = (createdAt: Date): string => createdAt.toISOString().slice(0, 7);

const groupRank = (r: StatusTime) => (r.department !== null ? 1 : r.period !== null ? 2 : 0);

/** One order for every store: all tickets, then departments by name, then months; statuses in lifecycle order. */
export const sortStatusTimes = (rows: readonly StatusTime[]): StatusTime[] =>
  [...rows].sort(
    (a, b) =>
      groupRank(a) - groupRank(b) ||
      (a.department ?? "").localeCompare(b.department ?? "") ||
      (a.period ?? "").localeCompare(b.period ?? "") ||
      TICKET_STATUSES.indexOf(a.status) - TICKET_STATUSES.indexOf(b.status),
  );

/** Most rated first, then by name, so every store lists groups alike. */
export const sortRatingGroups = (report: RatingReport): RatingReport => ({
  ...report,
  byAgent: [...report.byAgent].sort(
    (a, b) => b.count - a.count || (a.agentName ?? "").localeCompare(b.agentName ?? ""),
  ),
  byDepartment: [...report.byDepartment].sort(
    (a, b) => b.count - a.count || a.department.localeCompare(b.department),
  ),
});
