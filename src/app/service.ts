import type { FastifyInstance } from "fastify";
import { restApi } from "../adapters/api/index.js";
import type { Metrics } from "../adapters/http/metrics.js";
import { createHttpServer, type HttpServer } from "../adapters/http/server.js";
import { createTurnLimit, type TurnLimit } from "../adapters/http/turn-limit.js";
import type { OutboxWorker, SenderRegistry } from "../adapters/outbox/index.js";
import type { TimerScheduler } from "../adapters/timers/scheduler.js";
import { webConsole } from "../adapters/web/index.js";
import type { ConversationEngine } from "../core/conversation/index.js";
import type { OutboxQueue } from "../core/ports/outbox-queue.js";
import type { Config } from "./config/index.js";
import { slaPolicyOf } from "./config/service.js";
import { webSettingsOf } from "./config/web.js";
import type { Core } from "./container.js";
import { buildRuntime, type Runtime, type ServiceOverrides } from "./runtime.js";
import { WEB_DIST_DIR } from "./web-dist.js";

export type { ServiceOverrides } from "./runtime.js";

export interface RunningService {
  readonly url: string;
  readonly config: Config;
  /** Where /metrics and readiness details are served apart (ADMIN_PORT); null when they share `url`. */
  readonly adminUrl: string | null;
  readonly app: FastifyInstance;
  readonly core: Core;
  readonly conversation: ConversationEngine;
  readonly outbox: OutboxQueue;
  readonly senders: SenderRegistry;
  readonly worker: OutboxWorker;
  readonly timers: TimerScheduler;
  readonly metrics: Metrics;
  readonly instanceId: string;
  /** Sign-in links to the web console at `url`/app/. */
  readonly webLinks: Runtime["web"]["links"];
  /** Graceful stop: no new requests, in-flight work finished, claims released, connections closed. */
  stop(): Promise<void>;
}

/**
 * Chat turns allowed to wait for a slot before webhooks are answered 503 (platforms deliver them
 * again). Platforms open a few dozen connections at most, so reaching this means something is wrong.
 */
const MAX_WAITING_TURNS = 10_000;

/** The one HTTP server: health, the channels' webhooks and the REST API. Built, not listening. */
const buildHttp = (runtime: Runtime): Promise<HttpServer> => {
  const { config, core } = runtime;
  const turns = new Map<string, TurnLimit>();
  const turnsOf = (channel: string): TurnLimit => {
    const limit =
      turns.get(channel) ??
      createTurnLimit({ concurrency: config.CHAT_TURN_CONCURRENCY, maxWaiting: MAX_WAITING_TURNS });
    turns.set(channel, limit);
    return limit;
  };
  return createHttpServer({
    logger: runtime.logger,
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
    metrics: runtime.metrics,
    readiness: runtime.readiness,
    channels: runtime.modules.flatMap((m) => (m.http ? [m.http] : [])),
    turnsOf,
    trustProxy: config.TRUST_PROXY,
    operators: { metricsToken: config.METRICS_TOKEN ?? null, adminPort: config.ADMIN_PORT !== undefined },
    authGuard: {
      limiter: runtime.limiter,
      failures: { limit: config.AUTH_FAILURES_PER_MINUTE, perMs: 60_000 },
      log: runtime.logger,
      onEvent: runtime.metrics.securityEvent,
    },
    plugins: [
      restApi({
        service: core.service,
        reports: core.reports,
        contacts: core.contacts,
        knowledge: core.knowledge,
        tools: runtime.tools,
        directory: core.directory,
        keys: core.storage.apiKeys,
        audit: core.storage.audit,
        privacy: runtime.privacy,
        clock: runtime.clock,
        sla: slaPolicyOf(config),
        slaCounts: (scope) => core.storage.timers.slaCounts(scope),
        defaultLang: config.DEFAULT_LANGUAGE,
        taxonomy: core.taxonomy,
      }),
      webConsole({
        service: core.service,
        directory: core.directory,
        listing: core.storage.listing,
        keys: core.storage.apiKeys,
        blobs: core.blobs,
        charts: core.storage.charts,
        reports: core.reports,
        contacts: core.contacts,
        audit: core.storage.audit,
        sessions: runtime.web.sessions,
        secret: runtime.web.secret,
        live: runtime.web.live,
        isSlackAgent: runtime.web.isSlackAgent,
        clock: runtime.clock,
        sla: slaPolicyOf(config),
        slaCounts: (scope) => core.storage.timers.slaCounts(scope),
        taxonomy: core.taxonomy,
        attachmentRules: core.attachmentRules,
        settings: {
          ...webSettingsOf(config),
          timeZone: config.TIME_ZONE,
          defaultLang: config.DEFAULT_LANGUAGE,
          distDir: WEB_DIST_DIR,
        },
      }),
    ],
  });
};

/** Starts the channels, then the delivery worker and the timers; returns how to stop them, in reverse. */
const startLoops = async (runtime: Runtime, overrides: ServiceOverrides): Promise<() => Promise<void>> => {
  const started: (() => Promise<void>)[] = [];
  for (const module of runtime.modules) {
    await module.start?.();
    if (module.stop) started.push(module.stop);
  }
  if (overrides.startWorker !== false) runtime.worker.start();
  if (overrides.startTimers !== false) runtime.timers.start();
  return async () => {
    // Timers and deliveries finish before the channels whose senders they use go.
    await runtime.timers.stop();
    await runtime.worker.stop(runtime.config.SHUTDOWN_TIMEOUT_MS / 2);
    for (const stop of started.reverse())
      await stop().catch((error: unknown) => runtime.logger.error({ err: error }, "error while stopping"));
  };
};

/** Starts everything the issue calls "the running service" and returns a handle to stop it. */
export const startService = async (
  config: Config,
  overrides: ServiceOverrides = {},
): Promise<RunningService> => {
  const runtime = await buildRuntime(config, overrides);
  const { logger, instanceId } = runtime;
  let http: HttpServer | undefined;
  let stopLoops: (() => Promise<void>) | undefined;
  try {
    http = await buildHttp(runtime);
    const url = await http.listen(config.HOST, overrides.port ?? config.PORT);
    const adminUrl = await http.listenAdmin(
      config.ADMIN_HOST ?? config.HOST,
      overrides.adminPort ?? config.ADMIN_PORT ?? 0,
    );
    if (!config.METRICS_TOKEN && adminUrl === null)
      logger.warn("/metrics and readiness details are public: set METRICS_TOKEN or ADMIN_PORT in production");
    stopLoops = await startLoops(runtime, overrides);
    logger.info(
      {
        url,
        instanceId,
        database: runtime.core.storage.kind,
        redis: config.REDIS_URL !== undefined,
        senders: runtime.senders.channels(),
      },
      "service started",
    );

    const listening = http;
    const loops = stopLoops;
    let stopping: Promise<void> | undefined;
    const stop = async () => {
      // Order matters: stop taking requests, then let timers and deliveries finish, then close connections.
      await listening.close();
      await loops();
      await runtime.close();
      logger.info({ instanceId }, "service stopped");
    };
    return {
      url,
      config,
      adminUrl,
      app: http.app,
      core: runtime.core,
      conversation: runtime.conversation,
      outbox: runtime.outbox,
      senders: runtime.senders,
      worker: runtime.worker,
      timers: runtime.timers,
      metrics: runtime.metrics,
      instanceId,
      webLinks: runtime.web.links,
      stop: () => {
        stopping ??= stop();
        return stopping;
      },
    };
  } catch (error) {
    await http?.close();
    await stopLoops?.();
    await runtime.close();
    throw error;
  }
};
