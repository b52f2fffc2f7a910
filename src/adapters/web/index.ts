import type { FastifyInstance } from "fastify";
import { registerAdminRoutes } from "./admin-routes.js";
import { registerDashboardRoutes, registerSessionInfo } from "./dashboard-routes.js";
import type { WebDeps } from "./deps.js";
import { registerEventsRoute } from "./events-route.js";
import { registerLoginRoutes } from "./login-routes.js";
import { registerStaticFiles } from "./static-files.js";
import { registerTicketRoutes } from "./ticket-routes.js";

export type { WebConsoleSettings, WebDeps } from "./deps.js";
export { createWebLinks, type WebLinks } from "./links.js";
export { createLiveTickets, type LiveTickets } from "./live.js";
export { webSecretOf } from "./secret.js";

/** The web console under /app/: sign-in by link, its JSON API under /app/api/, and the built front end. */
export const webConsole =
  (deps: WebDeps) =>
  async (app: FastifyInstance): Promise<void> => {
    registerLoginRoutes(app, deps);
    registerSessionInfo(app, deps);
    registerDashboardRoutes(app, deps);
    registerTicketRoutes(app, deps);
    registerEventsRoute(app, deps);
    registerAdminRoutes(app, deps);
    registerStaticFiles(app, deps.settings.distDir);
  };
