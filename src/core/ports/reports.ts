import type { TicketStatus } from "../ticket/status.js";
import type { SlaPolicy } from "../timers/sla.js";

/**
 * Which tickets a report covers: one organization or requester (or all), created within
 * [from, to). The intake funnel takes flows that ended within the same period.
 */
export interface ReportScope {
  readonly organizationId?: string;
  readonly requesterPersonId?: string;
  /** Tickets of one department; the intake funnel ignores it (a stopped flow has no ticket yet). */
  readonly department?: string;
  readonly from?: Date;
  readonly to?: Date;
}

export interface DurationFigures {
  /** Tickets that spent time in it. */
  readonly count: number;
  readonly averageMs: number;
  /** 90th percentile, interpolated between neighbours (PostgreSQL's percentile_cont). */
  readonly p90Ms: number;
}

/**
 * Time tickets spent in one open status: over every ticket (both keys null), one department's, or
 * those created in one month (`period`, "2026-03", UTC).
 */
export interface StatusTime extends DurationFigures {
  readonly department: string | null;
  readonly period: string | null;
  readonly status: TicketStatus;
}

export interface RatingGroup {
  readonly count: number;
  /** Two decimals. */
  readonly average: number;
}

export interface RatingReport {
  readonly count: number;
  readonly average: number | null;
  /** How many ratings gave each score, 1 to 5. */
  readonly distribution: Readonly<Record<"1" | "2" | "3" | "4" | "5", number>>;
  /** By the ticket's assignee; null id and name: rated tickets nobody was assigned. */
  readonly byAgent: readonly (RatingGroup & {
    readonly agentId: string | null;
    readonly agentName: string | null;
  })[];
  readonly byDepartment: readonly (RatingGroup & { readonly department: string })[];
}

/** One SLA clock over the tickets of a report, judged against each ticket's priority target. */
export interface SlaOutcome {
  /** Stopped within the target. */
  readonly met: number;
  /** Past the target, stopped or still running. */
  readonly breached: number;
  /** Still running (or paused) and within the target. */
  readonly running: number;
  /** Average time of the stopped clocks; null when none stopped. */
  readonly averageMs: number | null;
}

export interface SlaOutcomes {
  readonly firstResponse: SlaOutcome;
  /** Tickets abandoned at triage were never resolved and are left out. */
  readonly resolution: SlaOutcome;
}

export interface FunnelStep {
  readonly step: string;
  /** Flows that got at least this far: stopped here or at a later step, or opened their ticket. */
  readonly reached: number;
  /** Flows abandoned at this step (timeout, cancel, another flow taking over). */
  readonly stopped: number;
}

export interface IntakeFunnel {
  /** Tickets opened through the chat intake (WhatsApp, Telegram, console) in the period. */
  readonly opened: number;
  readonly steps: readonly FunnelStep[];
}

/** The figures behind `stats` reports, computed by the store (SQL in PostgreSQL and PGlite). */
export interface ReportQueries {
  timeInStatus(scope: ReportScope, now: Date): Promise<StatusTime[]>;
  ratings(scope: ReportScope): Promise<RatingReport>;
  slaOutcomes(scope: ReportScope, now: Date, policy: SlaPolicy): Promise<SlaOutcomes>;
  intakeFunnel(scope: ReportScope): Promise<IntakeFunnel>;
}
