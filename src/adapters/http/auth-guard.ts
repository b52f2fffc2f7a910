import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { RateLimiter, RateRule } from "../outbox/rate-limiter.js";
import { doorOf } from "./door.js";
import type { SecurityEventKind } from "./metrics.js";
import { sendProblem } from "./problem.js";

/** Failed authentications allowed per window, per source address and per API key prefix. */
export interface AuthFailureLimit {
  readonly limit: number;
  readonly perMs: number;
}

export interface AuthGuardOptions {
  /** The service's shared limiter: Redis when REDIS_URL is set, so every instance counts together. */
  readonly limiter: RateLimiter;
  readonly failures: AuthFailureLimit;
  readonly log: { warn(details: object, message: string): void };
  readonly onEvent: (kind: SecurityEventKind, door: string) => void;
}

/** The doors that take credentials; the public OpenAPI document is not one. */
const guardedDoorOf = (request: FastifyRequest): string | null =>
  request.routeOptions.url?.endsWith("/openapi.json") ? null : doorOf(request);

/** What an authenticated door answers to wrong credentials: 401, and 403 to Meta's verification handshake. */
const isAuthFailure = (request: FastifyRequest, status: number): boolean =>
  status === 401 ||
  (status === 403 && request.method === "GET" && request.routeOptions.url === "/whatsapp/webhook");

/**
 * The first characters of a bearer token, so guesses at one key from many addresses are counted
 * together. Only key-shaped characters, and few: it becomes a Redis key, never a log field.
 */
const keyPrefixOf = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  const token = typeof header === "string" ? /^Bearer\s+(\S+)/i.exec(header)?.[1] : undefined;
  const prefix = token?.slice(0, 12).replace(/[^A-Za-z0-9_-]/g, "_");
  return prefix || null;
};

/**
 * Slows down guessing of webhook secrets, signatures and API keys: every failed authentication
 * (a 401, or a refused WhatsApp handshake) spends from a budget per source address and per key
 * prefix, and a source whose budget is spent gets 429 with Retry-After before its request is even
 * read, so the secret is not checked at all. Successful requests spend nothing and cost no round
 * trip: the budgets live in the shared limiter (Redis when configured), and each instance remembers
 * which sources it found spent, so a guesser spread over several instances gets at most one more
 * try on each before it is stopped there too. Behind a proxy the source address is the proxy's
 * unless TRUST_PROXY names it.
 */
export const registerAuthGuard = (app: FastifyInstance, options: AuthGuardOptions): void => {
  const rulesFor = (request: FastifyRequest): RateRule[] => {
    const prefix = keyPrefixOf(request);
    return [
      { key: `auth:addr:${request.ip}`, ...options.failures },
      ...(prefix ? [{ key: `auth:key:${prefix}`, ...options.failures }] : []),
    ];
  };
  /** Rule keys whose budget this instance found spent, and until when (Date.now() clock). */
  const spentUntil = new Map<string, number>();
  /** Sources already told to wait, so a flood is logged once per window rather than per request. */
  const limited = new Map<string, number>();

  const waitFor = (rules: readonly RateRule[], now: number): number =>
    Math.max(0, ...rules.map((r) => (spentUntil.get(r.key) ?? 0) - now));

  const remember = (key: string, until: number) => {
    if (spentUntil.size > 10_000) {
      const now = Date.now();
      for (const [k, at] of spentUntil) if (at <= now) spentUntil.delete(k);
      if (spentUntil.size > 10_000) spentUntil.clear();
    }
    spentUntil.set(key, until);
  };

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const door = guardedDoorOf(request);
    if (!door) return;
    const now = Date.now();
    const waitMs = waitFor(rulesFor(request), now);
    if (waitMs <= 0) return;
    options.onEvent("auth_rate_limited", door);
    if ((limited.get(request.ip) ?? 0) < now) {
      if (limited.size > 10_000) limited.clear();
      limited.set(request.ip, now + waitMs);
      options.log.warn(
        { securityEvent: "auth_rate_limited", door, remoteAddress: request.ip, retryAfterMs: waitMs },
        "security: too many failed authentications; answering 429",
      );
    }
    reply.header("retry-after", String(Math.max(1, Math.ceil(waitMs / 1000))));
    return sendProblem(reply, {
      status: 429,
      code: "TOO_MANY_FAILED_ATTEMPTS",
      detail: "Too many failed authentications from here; retry after the time in Retry-After.",
    });
  });

  // Counted before the answer leaves, so a client waiting for it finds its budget already spent.
  app.addHook("onSend", async (request, reply, payload) => {
    const door = guardedDoorOf(request);
    if (!door || !isAuthFailure(request, reply.statusCode)) return payload;
    const rules = rulesFor(request);
    await options.limiter.take(rules);
    // Each rule on its own: one address out of tries must not stop the key prefix for everyone.
    for (const rule of rules) {
      const waitMs = await options.limiter.wait([rule]);
      if (waitMs > 0) remember(rule.key, Date.now() + waitMs);
    }
    options.onEvent("auth_failed", door);
    options.log.warn(
      { securityEvent: "auth_failed", door, route: request.routeOptions.url, remoteAddress: request.ip },
      "security: failed authentication",
    );
    return payload;
  });
};
