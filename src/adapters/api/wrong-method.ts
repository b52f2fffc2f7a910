import type { FastifyReply, FastifyRequest } from "fastify";
import { sendProblem } from "../http/problem.js";
import type { ApiRoute } from "./route.js";

/** "/tickets/{ref}/status" as a pattern matching "/api/v1/tickets/TKT-000001/status". */
const patternOf = (path: string) =>
  new RegExp(`/api/v1${path.replace(/\{[^}]+\}/g, "[^/]+").replace(/\//g, "\\/")}$`);

/**
 * Answers a request the API has no route for: a known path with another method is a 405 naming
 * the methods it takes in `Allow` (RFC 9110), anything else a 404.
 */
export const wrongMethodOr404 = (routes: readonly ApiRoute[]) => {
  const paths = [...new Set(routes.map((r) => r.path)), "/openapi.json"].map((path) => ({
    pattern: patternOf(path),
    methods: path === "/openapi.json" ? ["GET"] : routes.filter((r) => r.path === path).map((r) => r.method),
  }));
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0] ?? "";
    const known = paths.find((p) => p.pattern.test(path));
    if (!known) return sendProblem(reply, { status: 404, detail: `No route ${request.method} ${path}.` });
    // Fastify answers HEAD for every GET route.
    const allowed = known.methods.includes("GET") ? [...known.methods, "HEAD"] : known.methods;
    reply.header("allow", allowed.join(", "));
    return sendProblem(reply, {
      status: 405,
      code: "METHOD_NOT_ALLOWED",
      detail: `${path} takes ${allowed.join(", ")}, not ${request.method}.`,
    });
  };
};
