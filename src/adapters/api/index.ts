import type { FastifyInstance } from "fastify";
import { createApiAuthenticator } from "./auth.js";
import type { ApiDeps } from "./deps.js";
import { buildOpenApiDocument } from "./openapi.js";
import { registerRoute } from "./route.js";
import { auditRoutes } from "./routes/audit-routes.js";
import { contactRoutes } from "./routes/contact-routes.js";
import { kbRoutes } from "./routes/kb-routes.js";
import { privacyRoutes } from "./routes/privacy-routes.js";
import { savedReplyRoutes } from "./routes/saved-reply-routes.js";
import { tagRoutes } from "./routes/tag-routes.js";
import { ticketReadRoutes } from "./routes/ticket-read-routes.js";
import { ticketWriteRoutes } from "./routes/ticket-write-routes.js";
import { wrongMethodOr404 } from "./wrong-method.js";

export { generateApiSecret, hashApiSecret } from "./api-key-secret.js";
export type { ApiDeps } from "./deps.js";

export const API_PREFIX = "/api/v1";

/** The REST API under /api/v1, with its OpenAPI document at /api/v1/openapi.json (no key needed). */
export const restApi =
  (deps: ApiDeps, version = "1.0.0") =>
  async (app: FastifyInstance): Promise<void> => {
    const routes = [
      ...ticketReadRoutes(deps),
      ...ticketWriteRoutes(deps),
      ...contactRoutes(deps),
      ...auditRoutes(deps),
      ...privacyRoutes(deps),
      ...kbRoutes(deps),
      ...savedReplyRoutes(deps),
      ...tagRoutes(deps),
    ];
    const auth = createApiAuthenticator(deps.keys, deps.directory);
    const document = buildOpenApiDocument(routes, { version, serverUrl: API_PREFIX });
    await app.register(
      async (api) => {
        api.get("/openapi.json", async () => document);
        for (const route of routes) registerRoute(api, route, auth, deps.defaultLang);
        api.setNotFoundHandler(wrongMethodOr404(routes));
      },
      { prefix: API_PREFIX },
    );
  };
