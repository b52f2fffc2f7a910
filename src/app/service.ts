import { hostname } from "node:os";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { restApi } from "../adapters/api/index.js";
import { createFsBlobStore } from "../adapters/files/fs-blob-store.js";
import { ORPHAN_GRACE_MS, ORPHAN_SWEEP_EVERY_MS, orphanFileSweep } from "../adapters/files/orphan-sweep.js";
import type { ChannelHttp } from "../adapters/http/channel-routes.js";
import type { ReadinessCheck } from "../adapters/http/health.js";
import { createLogger } from "../adapters/http/logger.js";
import { createMetrics, type Metrics } from "../adapters/http/metrics.js";
import { createHttpServer } from "../adapters/http/server.js";
import { createTurnLimit } from "../adapters/http/turn-limit.js";
import {
  createFailureHandler,
  createMemoryRateLimiter,
  createOutboxWorker,
  createRedisRateLimiter,
  createSenderRegistry,
  DEFAULT_RATE_LIMITS,
  type OutboxWorker,
  type RateLimits,
  type SenderRegistry,
  WHATSAPP_WEB_RATE_LIMITS,
  withFallback,
} from "../adapters/outbox/index.js";
import { afterWrites } from "../adapters/outbox/wake.js";
import { createPrismaApiKeyRepository } from "../adapters/storage/prisma/api-key-repository.js";
import { createPrismaOutboxQueue } from "../adapters/storage/prisma/outbox-queue.js";
import { createPrismaFileReferences } from "../adapters/storage/prisma/parked-files.js";
import { createPrismaTimerQueries } from "../adapters/storage/prisma/timer-queries.js";
import { createAutoCloseJob } from "../adapters/timers/auto-close-job.js";
import { createTimerScheduler, type TimerJob, type TimerScheduler } from "../adapters/timers/scheduler.js";
import { createSlaJob } from "../adapters/timers/sla-job.js";
import type { ConversationEngine } from "../core/conversation/index.js";
import { createNotificationPolicy } from "../core/outbox/notification-policy.js";
import type { ChannelSender } from "../core/ports/channel-sender.js";
import { type Clock, systemClock } from "../core/ports/clock.js";
import type { OutboxQueue } from "../core/ports/outbox-queue.js";
import type { Config } from "./config/index.js";
import { autoClosePolicyOf, outboxTimingOf, slaPolicyOf } from "./config/service.js";
import { buildCore, type Core } from "./container.js";
import { buildConversation } from "./conversation.js";

/** What a channel adapter gets to build itself: the shared core, engine, outbox and infrastructure. */
export interface ChannelContext {
  readonly config: Config;
  /** Its service wakes the outbox worker after each write, so replies go out at once. */
  readonly core: Core;
  readonly conversation: ConversationEngine;
  readonly outbox: OutboxQueue;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: Clock;
  /** This service's Redis client, when REDIS_URL is set. */
  readonly redis: Redis | null;
  /** Wakes the outbox worker after writing items outside the ticket service. */
  readonly wake: () => void;
}

/** A channel as the service runs it: webhook routes, a sender for its outbox items, timers of its own. */
export interface ChannelModule {
  readonly http?: ChannelHttp;
  readonly sender?: ChannelSender;
  readonly timerJobs?: readonly TimerJob[];
  /** Shown at /readyz (e.g. whether the WhatsApp Web session is linked). */
  readonly readiness?: readonly ReadinessCheck[];
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Builds a channel, or returns null when its configuration is absent (the channel is off). */
export type ChannelFactory = (ctx: ChannelContext) => Promise<ChannelModule | null> | ChannelModule | null;

export interface ServiceOverrides {
  readonly logger?: Logger;
  /** Drives timers, deliveries' bookkeeping, SLA display and conversations (the ticket core keeps real time). */
  readonly clock?: Clock;
  readonly channels?: readonly ChannelFactory[];
  /** Senders without a channel module (tests' fake platforms). */
  readonly senders?: readonly ChannelSender[];
  readonly rateLimits?: RateLimits;
  /** 0 picks a free port. */
  readonly port?: number;
  /** With ADMIN_PORT set: 0 picks a free port. */
  readonly adminPort?: number;
  readonly instanceId?: string;
  readonly random?: () => number;
  /** Off in tests that drive the worker or the timers by hand. */
  readonly startWorker?: boolean;
  readonly startTimers?: boolean;
}

export interface RunningService {
  readonly url: string;
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
  /** Graceful stop: no new requests, in-flight work finished, claims released, connections closed. */
  stop(): Promise<void>;
}

/**
 * Chat turns allowed to wait for a slot before webhooks are answered 503 (platforms deliver them
 * again). Platforms open a few dozen connections at most, so reaching this means something is wrong.
 */
const MAX_WAITING_TURNS = 10_000;

/** Fails fast while Redis is away (no offline queue), so webhooks answer 503 instead of hanging. */
const openRedis = async (url: string, log: Logger): Promise<Redis> => {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  });
  let down = false;
  redis.on("error", (error) => {
    if (!down) log.warn({ err: error }, "redis: connection lost; reconnecting");
    down = true;
  });
  redis.on("ready", () => {
    if (down) log.info("redis: connected again");
    down = false;
  });
  await redis.connect();
  return redis;
};

/** Starts everything the issue calls "the running service" and returns a handle to stop it. */
export const startService = async (
  config: Config,
  overrides: ServiceOverrides = {},
): Promise<RunningService> => {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const clock = overrides.clock ?? systemClock;
  const instanceId =
    overrides.instanceId ??
    config.INSTANCE_ID ??
    `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const metrics = createMetrics();
  const senders = createSenderRegistry(overrides.senders ?? []);
  const targets = {
    deliverable: senders.has,
    agentChannel: () => (senders.has("SLACK") ? ("SLACK" as const) : null),
  };
  const notify = createNotificationPolicy({
    ...targets,
    replyGraceMs: config.AGENT_REPLY_GRACE_SECONDS * 1000,
  });

  const opened: (() => Promise<void>)[] = [];
  let httpClose: (() => Promise<void>) | undefined;
  const closeOpened = async () => {
    for (const close of opened.reverse())
      await close().catch((error: unknown) => logger.error({ err: error }, "error while closing"));
  };
  try {
    const baseCore = await buildCore(config, { serveEmbedded: true, notify, clock });
    opened.push(() => baseCore.close());
    const redis = config.REDIS_URL ? await openRedis(config.REDIS_URL, logger) : null;
    if (redis) opened.push(async () => void (await redis.quit().catch(() => redis.disconnect())));
    const conversation = await buildConversation(baseCore, {
      clock,
      logger,
      onRefused: (channel, reason) => metrics.inputRefused(channel.toLowerCase(), reason),
    });
    opened.push(() => conversation.close());

    const outbox = createPrismaOutboxQueue(baseCore.db.prisma);
    let worker: OutboxWorker | undefined;
    const wake = () => worker?.wake();
    const core: Core = {
      ...baseCore,
      service: afterWrites(baseCore.service, {
        written: wake,
        created: (ticket) => metrics.ticketCreated(ticket.channel),
      }),
    };
    const memoryLimiter = createMemoryRateLimiter();
    // One limiter for deliveries and failed authentications: shared by every instance through Redis.
    const limiter = redis
      ? withFallback(createRedisRateLimiter(redis, config.REDIS_KEY_PREFIX), memoryLimiter, logger)
      : memoryLimiter;
    worker = createOutboxWorker({
      queue: outbox,
      senders,
      limiter,
      rateLimits:
        overrides.rateLimits ??
        (config.WHATSAPP_TRANSPORT === "web" ? WHATSAPP_WEB_RATE_LIMITS : DEFAULT_RATE_LIMITS),
      failures: createFailureHandler({ tickets: core.tickets, directory: core.directory, notify, clock }),
      clock,
      log: logger,
      metrics: metrics.outbox,
      workerId: instanceId,
      ...outboxTimingOf(config),
      ...(overrides.random ? { random: overrides.random } : {}),
    });

    const context: ChannelContext = {
      config,
      core,
      conversation: conversation.engine,
      outbox,
      logger,
      metrics,
      clock,
      redis,
      wake,
    };
    const modules: ChannelModule[] = [];
    for (const factory of overrides.channels ?? []) {
      const module = await factory(context);
      if (!module) continue;
      modules.push(module);
      if (module.sender) senders.register(module.sender);
    }

    const queries = createPrismaTimerQueries(core.db.prisma);
    const sla = slaPolicyOf(config);
    const jobs: TimerJob[] = [
      createAutoCloseJob({
        queries,
        tickets: core.tickets,
        notify,
        targets,
        policy: autoClosePolicyOf(config),
      }),
      ...(config.SLA_ENABLED ? [createSlaJob({ queries, targets, policy: sla })] : []),
      { name: "conversation_expiry", run: (now) => conversation.engine.expireIdle(now) },
      orphanFileSweep({
        blobs: createFsBlobStore({ root: join(resolve(config.DATA_DIR), "files") }),
        referenced: createPrismaFileReferences(core.db.prisma),
        graceMs: ORPHAN_GRACE_MS,
        everyMs: ORPHAN_SWEEP_EVERY_MS,
      }),
      ...modules.flatMap((m) => m.timerJobs ?? []),
    ];
    const timers = createTimerScheduler({
      clock,
      intervalMs: config.TIMERS_INTERVAL_MS,
      jobs,
      log: logger,
      onFired: (job, count) => {
        for (let i = 0; i < count; i++) metrics.timerFired(job);
        wake();
      },
    });

    const readiness: ReadinessCheck[] = [
      { name: "database", check: () => core.db.ping() },
      ...(redis ? [{ name: "redis", check: async () => void (await redis.ping()) }] : []),
      ...modules.flatMap((m) => m.readiness ?? []),
    ];
    const http = await createHttpServer({
      logger,
      bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
      metrics,
      readiness,
      channels: modules.flatMap((m) => (m.http ? [m.http] : [])),
      turns: createTurnLimit({ concurrency: config.CHAT_TURN_CONCURRENCY, maxWaiting: MAX_WAITING_TURNS }),
      trustProxy: config.TRUST_PROXY,
      operators: { metricsToken: config.METRICS_TOKEN ?? null, adminPort: config.ADMIN_PORT !== undefined },
      authGuard: {
        limiter,
        failures: { limit: config.AUTH_FAILURES_PER_MINUTE, perMs: 60_000 },
        log: logger,
        onEvent: metrics.securityEvent,
      },
      plugins: [
        restApi({
          service: core.service,
          directory: core.directory,
          keys: createPrismaApiKeyRepository(core.db.prisma),
          clock,
          sla,
          slaCounts: queries.slaCounts,
          defaultLang: config.DEFAULT_LANGUAGE,
        }),
      ],
    });
    httpClose = () => http.close();
    const url = await http.listen(config.HOST, overrides.port ?? config.PORT);
    const adminUrl = await http.listenAdmin(
      config.ADMIN_HOST ?? config.HOST,
      overrides.adminPort ?? config.ADMIN_PORT ?? 0,
    );
    if (!config.METRICS_TOKEN && adminUrl === null)
      logger.warn("/metrics and readiness details are public: set METRICS_TOKEN or ADMIN_PORT in production");

    for (const module of modules) {
      await module.start?.();
      if (module.stop) opened.push(module.stop);
    }
    if (overrides.startWorker !== false) worker.start();
    if (overrides.startTimers !== false) timers.start();
    logger.info(
      { url, instanceId, database: core.db.kind, redis: redis !== null, senders: senders.channels() },
      "service started",
    );

    let stopping: Promise<void> | undefined;
    const stop = async () => {
      // Order matters: stop taking requests, then let timers and deliveries finish, then close connections.
      await http.close();
      await timers.stop();
      await worker!.stop(config.SHUTDOWN_TIMEOUT_MS / 2);
      await closeOpened();
      logger.info({ instanceId }, "service stopped");
    };
    return {
      url,
      adminUrl,
      app: http.app,
      core,
      conversation: conversation.engine,
      outbox,
      senders,
      worker,
      timers,
      metrics,
      instanceId,
      stop: () => {
        stopping ??= stop();
        return stopping;
      },
    };
  } catch (error) {
    await httpClose?.();
    await closeOpened();
    throw error;
  }
};
