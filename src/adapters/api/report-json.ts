import type { Report } from "../../core/reports/service.js";

/** A report as the API answers it: instants as ISO strings. */
export const toReportJson = (report: Report) => ({
  ...report,
  period: {
    from: report.period.from?.toISOString() ?? null,
    to: report.period.to?.toISOString() ?? null,
  },
});
