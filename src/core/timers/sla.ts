import type { BusinessCalendars } from "../hours/calendar.js";
import type { Priority } from "../ticket/priority.js";
import { isClosed } from "../ticket/status.js";
import type { Ticket } from "../ticket/ticket.js";

export interface SlaTarget {
  readonly firstResponseMs: number;
  readonly resolutionMs: number;
}
export type SlaTargets = Readonly<Record<Priority, SlaTarget>>;

const HOUR = 60 * 60 * 1000;
export const DEFAULT_SLA_TARGETS: SlaTargets = {
  HIGH: { firstResponseMs: 1 * HOUR, resolutionMs: 8 * HOUR },
  MEDIUM: { firstResponseMs: 4 * HOUR, resolutionMs: 24 * HOUR },
  LOW: { firstResponseMs: 8 * HOUR, resolutionMs: 72 * HOUR },
};

export const SLA_CLOCKS = ["first_response", "resolution"] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];
export type SlaLevel = "warning" | "breach";

export interface SlaPolicy {
  readonly targets: SlaTargets;
  /** Share of a target after which agents are warned (0.8: at 80%). */
  readonly warnRatio: number;
  /** Business hours per department: clocks then count working time only. Unset: around the clock. */
  readonly calendars?: BusinessCalendars;
}

/** SLA time between two instants: working time of the department's calendar, or wall time. */
export const slaTimeMs = (
  policy: Pick<SlaPolicy, "calendars">,
  department: string,
  from: Date,
  to: Date,
): number =>
  policy.calendars
    ? policy.calendars.of(department).workingMs(from, to)
    : Math.max(0, to.getTime() - from.getTime());

/** The instant `ms` of SLA time after `from`. */
const addSlaTime = (policy: SlaPolicy, department: string, from: Date, ms: number): Date =>
  policy.calendars ? policy.calendars.of(department).addWorkingMs(from, ms) : new Date(from.getTime() + ms);

export interface SlaClockState {
  readonly clock: SlaClock;
  readonly targetMs: number;
  readonly elapsedMs: number;
  /** running; paused while waiting on the requester; stopped once answered (first response) or closed (resolution). */
  readonly state: "running" | "paused" | "stopped";
  readonly breached: boolean;
  /** When a running clock will pass its target; null unless running and not yet breached. */
  readonly dueAt: Date | null;
}

type SlaTicket = Pick<
  Ticket,
  "priority" | "createdAt" | "firstResponseAt" | "closedAt" | "status" | "sla" | "department"
>;

/**
 * SLA time of a ticket at `at`: time since creation (working time when business hours are set) less
 * the time spent waiting on the requester (recorded in the same measure, see `pausedMs`).
 */
export const slaElapsedMs = (
  ticket: SlaTicket,
  at: Date,
  policy: Pick<SlaPolicy, "calendars"> = {},
): number => {
  const time = (from: Date) => slaTimeMs(policy, ticket.department, from, at);
  const pausedNow = ticket.sla.pausedSince ? time(ticket.sla.pausedSince) : 0;
  return Math.max(0, time(ticket.createdAt) - ticket.sla.pausedMs - pausedNow);
};

const clockState = (ticket: SlaTicket, clock: SlaClock, now: Date, policy: SlaPolicy): SlaClockState => {
  const target = policy.targets[ticket.priority];
  const targetMs = clock === "first_response" ? target.firstResponseMs : target.resolutionMs;
  const stoppedAt =
    clock === "first_response" ? ticket.firstResponseAt : isClosed(ticket.status) ? ticket.closedAt : null;
  // A first response nearly always comes before any wait on the requester, so wall time is close enough there.
  const elapsedMs = stoppedAt
    ? clock === "first_response"
      ? slaTimeMs(policy, ticket.department, ticket.createdAt, stoppedAt)
      : slaElapsedMs(ticket, stoppedAt, policy)
    : slaElapsedMs(ticket, now, policy);
  const state = stoppedAt ? "stopped" : ticket.sla.pausedSince ? "paused" : "running";
  const breached = elapsedMs > targetMs;
  const dueAt =
    state === "running" && !breached
      ? addSlaTime(policy, ticket.department, now, targetMs - elapsedMs)
      : null;
  return { clock, targetMs, elapsedMs, state, breached, dueAt };
};

/** Both SLA clocks of a ticket as they stand at `now`, for the ticket view and the API. */
export const slaStatus = (ticket: SlaTicket, now: Date, policy: SlaPolicy) => ({
  firstResponse: clockState(ticket, "first_response", now, policy),
  resolution: clockState(ticket, "resolution", now, policy),
});
export type SlaStatus = ReturnType<typeof slaStatus>;

/** Which alerts a ticket has already raised; each fires once. */
export interface SlaStamps {
  readonly firstWarnedAt: Date | null;
  readonly firstBreachedAt: Date | null;
  readonly resolutionWarnedAt: Date | null;
  readonly resolutionBreachedAt: Date | null;
}

export interface SlaAlert {
  readonly clock: SlaClock;
  readonly level: SlaLevel;
  readonly targetMs: number;
  /** When the target is (or was) reached, in wall time. */
  readonly dueAt: Date;
}

/**
 * The alerts due now. A running clock past its target raises the breach (and no late warning);
 * one past the warning share raises the warning. Paused and stopped clocks raise nothing.
 */
export const dueSlaAlerts = (
  ticket: SlaTicket,
  stamps: SlaStamps,
  now: Date,
  policy: SlaPolicy,
): SlaAlert[] => {
  const status = slaStatus(ticket, now, policy);
  const alerts: SlaAlert[] = [];
  for (const state of [status.firstResponse, status.resolution]) {
    if (state.state !== "running") continue;
    const first = state.clock === "first_response";
    const warned = first ? stamps.firstWarnedAt : stamps.resolutionWarnedAt;
    const breached = first ? stamps.firstBreachedAt : stamps.resolutionBreachedAt;
    if (breached) continue;
    // A breach's due time lies in the past: wall time back from now (exact without business hours).
    const dueAt = state.dueAt ?? new Date(now.getTime() - Math.max(0, state.elapsedMs - state.targetMs));
    if (state.elapsedMs >= state.targetMs)
      alerts.push({ clock: state.clock, level: "breach", targetMs: state.targetMs, dueAt });
    else if (!warned && state.elapsedMs >= state.targetMs * policy.warnRatio) {
      alerts.push({ clock: state.clock, level: "warning", targetMs: state.targetMs, dueAt });
    }
  }
  return alerts;
};
