import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";

/** A dependency the service needs to do useful work (the database, Redis). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

const withTimeout = (work: Promise<void>, ms: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * /healthz: the process is up. /readyz: every dependency answers (503 otherwise, and while
 * shutting down, so a load balancer stops routing here). /metrics: Prometheus text.
 */
export const registerHealthRoutes = (
  app: FastifyInstance,
  options: {
    checks: readonly ReadinessCheck[];
    registry: Registry;
    isStopping: () => boolean;
    timeoutMs?: number;
  },
): void => {
  const timeoutMs = options.timeoutMs ?? 2000;
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
    const checks = Object.fromEntries(results);
    const ready = !options.isStopping() && results.every(([, state]) => state === "ok");
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? "ready" : options.isStopping() ? "stopping" : "unavailable", checks });
  });

  app.get("/metrics", async (_request, reply) =>
    reply.type(options.registry.contentType).send(await options.registry.metrics()),
  );
};
