import type { FastifyRequest } from "fastify";

/** Which door of the service a request came in by, from its route; null for unmatched paths and /healthz. */
export type Door = "telegram" | "whatsapp" | "slack" | "api" | "admin" | "web";

const DOORS: readonly [RegExp, Door][] = [
  [/^\/telegram\//, "telegram"],
  [/^\/whatsapp\//, "whatsapp"],
  [/^\/slack\//, "slack"],
  [/^\/api\//, "api"],
  // Only sign-in takes a credential; the console's API answers 401 to a lapsed session, not a guess.
  [/^\/app\/login$/, "web"],
  [/^\/(metrics|readyz)$/, "admin"],
];

export const doorOf = (request: FastifyRequest): Door | null => {
  const route = request.routeOptions.url;
  return route ? (DOORS.find(([pattern]) => pattern.test(route))?.[1] ?? null) : null;
};
