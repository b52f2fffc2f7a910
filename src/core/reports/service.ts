import type { Clock } from "../ports/clock.js";
import type {
  IntakeFunnel,
  RatingReport,
  ReportQueries,
  ReportScope,
  SlaOutcomes,
  StatusTime,
} from "../ports/reports.js";
import { err, ok, type Result } from "../shared/result.js";
import type { CoreError } from "../ticket/errors.js";
import type { Actor } from "../ticket/ticket.js";
import type { SlaPolicy } from "../timers/sla.js";

/** Everything `stats` reports beyond the dashboard counts. */
export interface Report {
  readonly period: { readonly from: Date | null; readonly to: Date | null };
  readonly timeInStatus: readonly StatusTime[];
  readonly ratings: RatingReport;
  readonly sla: SlaOutcomes;
  readonly intake: IntakeFunnel;
}

export interface ReportService {
  /** Agents see any scope; a requester sees their organization's (admins) or their own tickets. */
  report(actor: Actor, scope: ReportScope): Promise<Result<Report, CoreError>>;
}

export const createReportService = (deps: {
  readonly queries: ReportQueries;
  readonly clock: Clock;
  readonly sla: SlaPolicy;
}): ReportService => ({
  async report(actor, requested) {
    const { from, to } = requested;
    if (from && to && from >= to)
      return err({
        code: "VALIDATION_FAILED",
        issues: [{ field: "to", problem: { code: "INVALID" } }],
      });
    const scope: ReportScope =
      actor.kind !== "requester"
        ? requested
        : actor.orgAdmin
          ? { ...requested, organizationId: actor.organizationId }
          : { ...requested, organizationId: actor.organizationId, requesterPersonId: actor.personId };
    const now = deps.clock.now();
    const [timeInStatus, ratings, sla, intake] = await Promise.all([
      deps.queries.timeInStatus(scope, now),
      deps.queries.ratings(scope),
      deps.queries.slaOutcomes(scope, now, deps.sla),
      deps.queries.intakeFunnel(scope),
    ]);
    return ok({ period: { from: from ?? null, to: to ?? null }, timeInStatus, ratings, sla, intake });
  },
});
