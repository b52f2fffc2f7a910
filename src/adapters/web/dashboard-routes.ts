import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { PRIORITIES } from "../../core/ticket/priority.js";
import { PUBLIC_STATUSES, TICKET_STATUSES } from "../../core/ticket/status.js";
import { plain } from "../api/schemas.js";
import { type DashboardFigures, dashboardFigures } from "./dashboard-figures.js";
import type { WebDeps } from "./deps.js";
import { createFiguresCache } from "./figures-cache.js";
import { guard } from "./session-auth.js";

/** A dashboard is recomputed at most this often, however busy the desk. */
const MIN_REFRESH_MS = 5_000;
/** Figures this many times older than DASHBOARD_CACHE_SECONDS are recomputed before they are shown. */
const STALE_FACTOR = 10;
/** Filter combinations kept per instance (each is a few kilobytes). */
const KEPT_SCOPES = 200;

const dashboardQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
  // Text that cannot be stored (NUL) cannot be in a department either: 400, not a database error.
  department: plain(40).optional(),
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
  const cacheMs = deps.settings.dashboardCacheMs;
  const cache = createFiguresCache<DashboardFigures>({
    freshMs: cacheMs,
    minRefreshMs: Math.min(MIN_REFRESH_MS, cacheMs),
    maxStaleMs: cacheMs * STALE_FACTOR,
    maxEntries: KEPT_SCOPES,
    now: () => deps.clock.now().getTime(),
    onRefreshFailed: (error) => app.log.warn({ err: error }, "dashboard: refreshing figures failed"),
  });
  const unsubscribe = deps.live.subscribe(() => cache.invalidate());
  app.addHook("onClose", async () => unsubscribe());

  app.get(
    "/app/api/dashboard",
    guard(deps, async (request, reply, viewer) => {
      const parsed = dashboardQuery.safeParse(request.query);
      if (!parsed.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
      // Only agents and admins reach the dashboard, and they see every ticket: the scope is the query.
      const { days, department, organization } = parsed.data;
      const key = JSON.stringify([days, department ?? null, organization ?? null]);
      const figures = await cache.get(key, () => dashboardFigures(deps, viewer.actor, parsed.data));
      if (!figures.value.ok) return reply.code(400).send({ code: figures.value.code });
      return {
        ...figures.value.body,
        asOf: new Date(figures.asOf).toISOString(),
        refreshing: figures.refreshing,
      };
    }),
  );
};
