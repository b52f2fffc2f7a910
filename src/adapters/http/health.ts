import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Registry } from "prom-client";
import { sendProblem } from "./problem.js";

/** A dependency the service needs to do useful work (the database, Redis). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/**
 * Who may read /metrics and which dependencies are down (readiness details): anyone, holders of a
 * bearer token (METRICS_TOKEN), or nobody on this server because an admin port serves them.
 */
export type OperatorAccess =
  | { readonly kind: "public" }
  | { readonly kind: "token"; readonly token: string }
  | { readonly kind: "elsewhere" };

const withTimeout = (work: Promise<void>, ms: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

const hasToken = (request: FastifyRequest, token: string): boolean => {
  const header = request.headers.authorization;
  const given = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
};

/**
 * /healthz: the process is up, and nothing more. /readyz: 200 when every dependency answers (503
 * otherwise, and while shutting down, so a load balancer stops routing here); which one failed only
 * for operators. /metrics: Prometheus text, for operators.
 */
export const registerHealthRoutes = (
  app: FastifyInstance,
  options: {
    checks: readonly ReadinessCheck[];
    registry: Registry;
    isStopping: () => boolean;
    access: OperatorAccess;
    timeoutMs?: number;
  },
): void => {
  const timeoutMs = options.timeoutMs ?? 2000;
  const { access } = options;
  const isOperator = (request: FastifyRequest) =>
    access.kind === "public" || (access.kind === "token" && hasToken(request, access.token));

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (request, reply) => {
    const results = await Promise.all(
      options.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), timeoutMs);
          return [c.name, "ok"] as const;
        } catch (error) {
          request.log.warn({ check: c.name, err: error }, "readiness check failed");
          return [c.name, "unavailable"] as const;
        }
      }),
    );
    const ready = !options.isStopping() && results.every(([, state]) => state === "ok");
    const status = ready ? "ready" : options.isStopping() ? "stopping" : "unavailable";
    return reply
      .code(ready ? 200 : 503)
      .send(isOperator(request) ? { status, checks: Object.fromEntries(results) } : { status });
  });

  if (access.kind === "elsewhere") return;
  app.get("/metrics", async (request, reply) => {
    if (!isOperator(request)) {
      reply.header("www-authenticate", 'Bearer realm="chamado metrics"');
      return sendProblem(reply, {
        status: 401,
        code: "UNAUTHORIZED",
        detail: "Send the metrics token as: Authorization: Bearer <METRICS_TOKEN>.",
      });
    }
    return reply.type(options.registry.contentType).send(await options.registry.metrics());
  });
};
