import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { registerBodyParsers } from "./body-parsers.js";
import { type ChannelHttp, registerChannelRoutes } from "./channel-routes.js";
import { registerErrorHandlers } from "./error-handler.js";
import { type ReadinessCheck, registerHealthRoutes } from "./health.js";
import type { Metrics } from "./metrics.js";
import type { TurnLimit } from "./turn-limit.js";

export interface HttpServerOptions {
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  readonly metrics: Metrics;
  readonly readiness: readonly ReadinessCheck[];
  readonly channels?: readonly ChannelHttp[];
  /** Chat-turn routes run within it (see turn-limit.ts). */
  readonly turns: TurnLimit;
  /** Further routes (the REST API), registered after the built-in ones. */
  readonly plugins?: readonly ((app: FastifyInstance) => Promise<void> | void)[];
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A caller's X-Request-Id when it is a sane token, so logs can be followed across services; ours otherwise. */
const requestId = (req: IncomingMessage): string => {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
};

/** The service's one HTTP server, built but not listening. */
export interface HttpServer {
  readonly app: FastifyInstance;
  /** Starts listening; resolves with the URL it listens on. */
  listen(host: string, port: number): Promise<string>;
  /** Readiness turns 503, new connections are refused, requests under way finish. */
  close(): Promise<void>;
}

export const createHttpServer = async (options: HttpServerOptions): Promise<HttpServer> => {
  let stopping = false;
  const app = Fastify({
    // pino is what fastify logs with; its own Logger type is only wider than the base one fastify expects.
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    genReqId: requestId,
    requestIdHeader: false,
    return503OnClosing: true,
  });
  registerBodyParsers(app);
  registerErrorHandlers(app);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // Requests that finish during shutdown close their connection, or an idle keep-alive socket
  // would hold the server open until its timeout.
  app.addHook("onSend", async (_request, reply, payload) => {
    if (stopping) reply.header("connection", "close");
    return payload;
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    options.metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  registerHealthRoutes(app, {
    checks: options.readiness,
    registry: options.metrics.registry,
    isStopping: () => stopping,
  });
  for (const channel of options.channels ?? []) registerChannelRoutes(app, channel, options.turns);
  for (const plugin of options.plugins ?? []) await plugin(app);
  await app.ready();
  return {
    app,
    async listen(host: string, port: number): Promise<string> {
      return app.listen({ host, port });
    },
    async close(): Promise<void> {
      stopping = true;
      await app.close();
    },
  };
};
