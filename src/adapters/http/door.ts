import type { FastifyRequest } from "fastify";

/** Which door of the service a request came in by, from its route; null for unmatched paths and /healthz. */
export type Door = "telegram" | "whatsapp" | "slack" | "api" | "admin";

const DOORS: readonly [RegExp, Door][] = [
  [/^\/telegram\//, "telegram"],
  [/^\/whatsapp\//, "whatsapp"],
  [/^\/slack\//, "slack"],
  [/^\/api\//, "api"],
  [/^\/(metrics|readyz)$/, "admin"],
];

export const doorOf = (request: FastifyRequest): Door | null => {
  const route = request.routeOptions.url;
  return route ? (DOORS.find(([pattern]) => pattern.test(route))?.[1] ?? null) : null;
};
