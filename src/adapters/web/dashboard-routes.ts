import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { PRIORITIES } from "../../core/ticket/priority.js";
import { PUBLIC_STATUSES, TICKET_STATUSES } from "../../core/ticket/status.js";
import type { WebDeps } from "./deps.js";
import { guard } from "./session-auth.js";

const DAY = 86_400_000;

const dashboardQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
  department: z.string().max(40).optional(),
  organization: z.uuid().optional(),
});

/** Who is signed in, what they may do, and the labels and limits the pages need. */
export const registerSessionInfo = (app: FastifyInstance, deps: WebDeps): void => {
  app.get(
    "/app/api/me",
    guard(
      deps,
      async (_request, _reply, viewer) => ({
        role: viewer.role,
        name: viewer.name,
        orgAdmin: viewer.actor.kind === "requester" && viewer.actor.orgAdmin,
        csrf: viewer.session.csrf,
        expiresAt: new Date(viewer.session.expiresAt).toISOString(),
        defaultLang: deps.settings.defaultLang,
        timeZone: deps.settings.timeZone,
        departments: deps.taxonomy.departments,
        types: deps.taxonomy.types,
        priorities: PRIORITIES,
        publicStatuses: PUBLIC_STATUSES,
        statuses: TICKET_STATUSES,
        attachments: {
          maxFiles: deps.attachmentRules.maxFiles,
          maxBytes: deps.attachmentRules.maxBytes,
          types: deps.attachmentRules.allowedTypes,
        },
      }),
      { allow: ["admin", "agent", "supplier"] },
    ),
  );
};

/** The dashboard: the seed portal's counts and the charts over a chosen period. */
export const registerDashboardRoutes = (app: FastifyInstance, deps: WebDeps): void => {
  app.get(
    "/app/api/dashboard",
    guard(deps, async (request, reply, viewer) => {
      const parsed = dashboardQuery.safeParse(request.query);
      if (!parsed.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
      const { days, department, organization } = parsed.data;
      const to = deps.clock.now();
      const from = new Date(to.getTime() - days * DAY);
      const scope = organization ? { organizationId: organization } : {};
      const [counts, sla, opened, report] = await Promise.all([
        deps.service.stats(viewer.actor, scope),
        deps.slaCounts(scope),
        deps.charts.openedPerDay({
          from,
          to,
          timeZone: deps.settings.timeZone,
          ...scope,
          ...(department ? { department } : {}),
        }),
        deps.reports.report(viewer.actor, { from, to, ...scope, ...(department ? { department } : {}) }),
      ]);
      if (!report.ok) return reply.code(400).send({ code: report.error.code });
      const { timeInStatus, sla: outcomes, ratings, intake } = report.value;
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
    }),
  );
};
