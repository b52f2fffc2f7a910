import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { type AuthGuardOptions, registerAuthGuard } from "./auth-guard.js";
import { registerBodyParsers } from "./body-parsers.js";
import { type ChannelHttp, registerChannelRoutes } from "./channel-routes.js";
import { doorOf } from "./door.js";
import { registerErrorHandlers } from "./error-handler.js";
import { type OperatorAccess, type ReadinessCheck, registerHealthRoutes } from "./health.js";
import type { Metrics } from "./metrics.js";
import type { TurnLimit } from "./turn-limit.js";

export interface HttpServerOptions {
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  readonly metrics: Metrics;
  readonly readiness: readonly ReadinessCheck[];
  readonly channels?: readonly ChannelHttp[];
  /** Chat-turn routes run within it (see turn-limit.ts). */
  /** Each channel's own limit of chat turns, so a platform that hangs holds only its own slots. */
  readonly turnsOf: (channel: string) => TurnLimit;
  /** Further routes (the REST API), registered after the built-in ones. */
  readonly plugins?: readonly ((app: FastifyInstance) => Promise<void> | void)[];
  /** Failed authentications spend a budget per source; unset, nothing is limited (tests of other things). */
  readonly authGuard?: AuthGuardOptions;
  /** Defaults to /metrics and readiness details open to anyone on the one port. */
  readonly operators?: OperatorSettings;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For names the source address. */
  readonly trustProxy?: boolean | number | string;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A caller's X-Request-Id when it is a sane token, so logs can be followed across services; ours otherwise. */
const requestId = (req: IncomingMessage): string => {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
};

/** A number of hops as proxy-addr counts them: the nearest `hops` proxies are believed. */
const trustOf = (trust: boolean | number | string) =>
  typeof trust === "number" ? (_address: string, hop: number) => hop < trust : trust;

/** Who reads /metrics and readiness details: METRICS_TOKEN, and whether ADMIN_PORT serves them apart. */
export interface OperatorSettings {
  readonly metricsToken: string | null;
  readonly adminPort: boolean;
}

/**
 * The service's HTTP server, built but not listening: webhooks, the REST API and health on one port,
 * and, with an admin port, /metrics and readiness details on a second one that need not be exposed.
 */
export interface HttpServer {
  readonly app: FastifyInstance;
  /** Starts listening; resolves with the URL it listens on. */
  listen(host: string, port: number): Promise<string>;
  /** Starts the admin listener; null without an admin port. */
  listenAdmin(host: string, port: number): Promise<string | null>;
  /** Readiness turns 503, new connections are refused, requests under way finish. */
  close(): Promise<void>;
}

export const createHttpServer = async (options: HttpServerOptions): Promise<HttpServer> => {
  let stopping = false;
  const operators = options.operators ?? { metricsToken: null, adminPort: false };
  const tokenOrPublic: OperatorAccess = operators.metricsToken
    ? { kind: "token", token: operators.metricsToken }
    : { kind: "public" };

  const build = (access: OperatorAccess) => {
    const app = Fastify({
      // pino is what fastify logs with; its own Logger type is only wider than the base one fastify expects.
      loggerInstance: options.logger as FastifyBaseLogger,
      bodyLimit: options.bodyLimitBytes,
      genReqId: requestId,
      requestIdHeader: false,
      return503OnClosing: true,
      trustProxy: trustOf(options.trustProxy ?? false),
    });
    registerBodyParsers(app);
    registerErrorHandlers(app);
    app.addHook("onRequest", async (request, reply) => {
      reply.header("x-request-id", request.id);
    });
    if (options.authGuard) registerAuthGuard(app, options.authGuard);
    // Requests that finish during shutdown close their connection, or an idle keep-alive socket
    // would hold the server open until its timeout.
    app.addHook("onSend", async (_request, reply, payload) => {
      if (stopping) reply.header("connection", "close");
      return payload;
    });
    app.addHook("onResponse", async (request, reply) => {
      const route = request.routeOptions.url ?? "unmatched";
      options.metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      for (const reason of request.refusals ?? [])
        options.metrics.inputRefused(doorOf(request) ?? "other", reason);
    });
    registerHealthRoutes(app, {
      checks: options.readiness,
      registry: options.metrics.registry,
      isStopping: () => stopping,
      access,
    });
    return app;
  };

  const app = build(operators.adminPort ? { kind: "elsewhere" } : tokenOrPublic);
  for (const channel of options.channels ?? [])
    registerChannelRoutes(app, channel, options.turnsOf(channel.name));
  for (const plugin of options.plugins ?? []) await plugin(app);
  await app.ready();
  const admin = operators.adminPort ? build(tokenOrPublic) : null;
  await admin?.ready();
  return {
    app,
    async listen(host: string, port: number): Promise<string> {
      return app.listen({ host, port });
    },
    async listenAdmin(host: string, port: number): Promise<string | null> {
      return admin ? admin.listen({ host, port }) : null;
    },
    async close(): Promise<void> {
      stopping = true;
      await app.close();
      await admin?.close();
    },
  };
};
