import { hostname } from "node:os";
import { join, resolve } from "node:path";
import type { Logger } from "pino";
import type { ChannelModule, ChannelPorts, RunnableChannel, SharedSettings } from "../adapters/channel.js";
import { deleteUnreferenced } from "../adapters/files/delete-unreferenced.js";
import { createFsBlobStore } from "../adapters/files/fs-blob-store.js";
import { ORPHAN_GRACE_MS, ORPHAN_SWEEP_EVERY_MS, orphanFileSweep } from "../adapters/files/orphan-sweep.js";
import type { ReadinessCheck } from "../adapters/http/health.js";
import { createLogger } from "../adapters/http/logger.js";
import { createMetrics, type Metrics } from "../adapters/http/metrics.js";
import {
  createFailureHandler,
  createMemoryRateLimiter,
  createOutboxWorker,
  createRedisRateLimiter,
  createSenderRegistry,
  DEFAULT_RATE_LIMITS,
  deactivatedRecipient,
  type OutboxWorker,
  type RateLimiter,
  type RateLimits,
  type SenderRegistry,
  withFallback,
} from "../adapters/outbox/index.js";
import { afterWrites, wakingOutbox, wakingWriter } from "../adapters/outbox/wake.js";
import { createMemoryLeases } from "../adapters/sessions/memory-leases.js";
import { createMemoryWebSessions } from "../adapters/sessions/memory-web-sessions.js";
import { createRedisLeases } from "../adapters/sessions/redis-leases.js";
import { createRedisWebSessions } from "../adapters/sessions/redis-web-sessions.js";
import { createAutoCloseJob } from "../adapters/timers/auto-close-job.js";
import { retentionJob } from "../adapters/timers/retention-job.js";
import { createTimerScheduler, type TimerJob, type TimerScheduler } from "../adapters/timers/scheduler.js";
import { createSlaJob } from "../adapters/timers/sla-job.js";
import { createTriageJob } from "../adapters/timers/triage-job.js";
import { createWebLinks, type LiveTickets, type WebLinks, webSecretOf } from "../adapters/web/index.js";
import type { AgentTools } from "../core/agent-tools.js";
import type { ConversationEngine } from "../core/conversation/index.js";
import { createNotificationPolicy } from "../core/outbox/notification-policy.js";
import type { ChannelSender } from "../core/ports/channel-sender.js";
import { type Clock, systemClock } from "../core/ports/clock.js";
import type { OutboxQueue } from "../core/ports/outbox-queue.js";
import type { StoragePorts } from "../core/ports/storage.js";
import type { TurnStore } from "../core/ports/turn-store.js";
import type { WebSessions } from "../core/ports/web-sessions.js";
import type { PrivacyDesk } from "../core/privacy/desk.js";
import { eraseUnfinished } from "../core/privacy/erase.js";
import { buildAgentTools } from "./agent-tools.js";
import { channelDefinitions } from "./channels.js";
import type { Config } from "./config/index.js";
import {
  autoClosePolicyOf,
  outboxTimingOf,
  retentionPolicyOf,
  slaPolicyOf,
  triagePolicyOf,
} from "./config/service.js";
import { webSettingsOf } from "./config/web.js";
import { buildContactAccess } from "./contact-access.js";
import { buildCore, type Core, taxonomyOf } from "./container.js";
import { buildConversation, openRedis } from "./conversation.js";
import { serviceDirectory } from "./directory-cache.js";
import { sharedLiveTickets } from "./live-tickets.js";
import { erasureDeps, privacyDesk } from "./privacy.js";

export interface ServiceOverrides {
  readonly logger?: Logger;
  /** Drives timers, deliveries' bookkeeping, SLA display and conversations (the ticket core keeps real time). */
  readonly clock?: Clock;
  /** The channels to run instead of every configured one (tests name theirs, with fakes inside). */
  readonly channels?: readonly RunnableChannel[];
  /** Senders without a channel module (tests' fake platforms). */
  readonly senders?: readonly ChannelSender[];
  /** Storage instead of the configured database (tests of the doors run on memory). */
  readonly storage?: StoragePorts;
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

/** Everything the running service is made of, built and wired but not started. */
export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly instanceId: string;
  readonly metrics: Metrics;
  /** The core with the service whose writes wake the outbox worker and count tickets. */
  readonly core: Core;
  readonly tools: AgentTools;
  readonly conversation: ConversationEngine;
  /** Export and erasure through this instance's caches and session store; null on memory storage. */
  readonly privacy: PrivacyDesk | null;
  readonly outbox: OutboxQueue;
  readonly senders: SenderRegistry;
  readonly worker: OutboxWorker;
  readonly timers: TimerScheduler;
  readonly modules: readonly ChannelModule[];
  readonly readiness: readonly ReadinessCheck[];
  /** Rate limits shared by deliveries and failed authentications (through Redis when configured). */
  readonly limiter: RateLimiter;
  /** The web console's sessions, link signing and live ticket changes. */
  readonly web: {
    readonly sessions: WebSessions;
    readonly secret: string;
    readonly links: WebLinks;
    readonly live: LiveTickets;
    /** Whether Slack lists a user as an agent; null when Slack is off. */
    readonly isSlackAgent: ((user: string) => Promise<boolean>) | null;
  };
  /** Closes what was opened, last first; channel modules are stopped by whoever started them. */
  close(): Promise<void>;
}

/** Receipts are pruned in batches this size per timer tick, so a backlog never holds a long lock. */
const RECEIPT_PRUNE_BATCH = 5_000;

const sharedSettingsOf = (config: Config, core: Core, instanceId: string): SharedSettings => ({
  defaultLang: config.DEFAULT_LANGUAGE,
  timeZone: config.TIME_ZONE,
  attachments: core.attachmentRules,
  sla: slaPolicyOf(config),
  taxonomy: core.taxonomy,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  replyGraceMs: config.AGENT_REPLY_GRACE_SECONDS * 1000,
  tagSuggestions: config.TAG_SUGGESTIONS,
  instanceId,
  stateDir: resolve(config.DATA_DIR),
});

/** Retention and unfinished erasures, when the storage keeps anything (not memory) and it is on. */
const retentionJobs = (
  config: Config,
  core: Core,
  turns: TurnStore,
  instanceId: string,
  metrics: Metrics,
): TimerJob[] => {
  const store = core.storage.retention;
  if (!config.RETENTION_ENABLED || !store) return [];
  const erase = erasureDeps(core, turns);
  return [
    retentionJob({
      deps: {
        store,
        audit: core.storage.audit,
        deleteFiles: (keys) => deleteUnreferenced(core.blobs, keys, (k) => core.storage.referencedKeys(k)),
      },
      policy: retentionPolicyOf(config),
      everyMs: config.RETENTION_EVERY_MINUTES * 60_000,
      instanceId,
      ...(erase ? { finishErasures: () => eraseUnfinished(erase, 100) } : {}),
      onCounts: (counts) => {
        for (const [kind, count] of Object.entries(counts)) if (count > 0) metrics.retained(kind, count);
      },
    }),
  ];
};

/** Each channel's own pace where it differs from the defaults (WhatsApp Web goes at a person's). */
const rateLimitsOf = (modules: readonly ChannelModule[]): RateLimits =>
  Object.assign({}, DEFAULT_RATE_LIMITS, ...modules.map((m) => m.rateLimits ?? {}));

/** Builds the runtime: storage, core, conversation, channels, outbox worker and timers, nothing started. */
export const buildRuntime = async (config: Config, overrides: ServiceOverrides = {}): Promise<Runtime> => {
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
    taxonomy: taxonomyOf(config),
  });

  const opened: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closeOne of opened.reverse())
      await closeOne().catch((error: unknown) => logger.error({ err: error }, "error while closing"));
  };
  try {
    const baseCore = await buildCore(config, {
      serveEmbedded: true,
      notify,
      clock,
      ...(overrides.storage ? { storage: overrides.storage } : {}),
    });
    opened.push(() => baseCore.close());
    let redisDown = false;
    const redis = config.REDIS_URL
      ? await openRedis(config.REDIS_URL, (error) => {
          if (!redisDown) logger.warn({ err: error }, "redis: connection lost; reconnecting");
          redisDown = true;
        })
      : null;
    redis?.on("ready", () => {
      if (redisDown) logger.info("redis: connected again");
      redisDown = false;
    });
    if (redis) opened.push(async () => void (await redis.quit().catch(() => redis.disconnect())));

    let worker: OutboxWorker | undefined;
    const wake = () => worker?.wake();
    const live = sharedLiveTickets(redis, config.REDIS_KEY_PREFIX, instanceId);
    opened.push(() => live.close());
    const webSettings = webSettingsOf(config);
    const webSecret = webSecretOf(webSettings.secret, resolve(config.DATA_DIR));
    const webLinks = createWebLinks({
      secret: webSecret,
      publicUrl: webSettings.publicUrl,
      linkMs: webSettings.linkMs,
      clock,
    });
    const contacts = serviceDirectory(baseCore.directory, config, redis);
    opened.push(() => contacts.close());
    const core: Core = {
      ...baseCore,
      directory: contacts.directory,
      // Deactivations through the cached directory clear every instance's cache at once.
      contacts: buildContactAccess(
        config,
        baseCore.storage.invitations,
        contacts.directory,
        clock,
        baseCore.storage.audit,
      ),
      service: afterWrites(baseCore.service, {
        written: wake,
        created: (ticket) => metrics.ticketCreated(ticket.channel),
        changed: (ticket) =>
          live.publish({
            number: ticket.number,
            organizationId: ticket.organizationId,
            requesterPersonId: ticket.requester.personId,
          }),
      }),
    };
    // On the waking, counting service: a ticket opened in chat wakes the worker and is counted too.
    const conversation = await buildConversation(core, {
      clock,
      logger,
      service: core.service,
      redis,
      onRefused: (channel, reason) => metrics.inputRefused(channel.toLowerCase(), reason),
      webLink: (contactId) => ({ url: webLinks.forSupplier(contactId), minutes: webLinks.minutes }),
    });
    opened.push(() => conversation.close());
    const queue = core.storage.outbox;
    const tools = buildAgentTools(core, core.service, clock);

    const ports: ChannelPorts = {
      shared: sharedSettingsOf(config, core, instanceId),
      service: core.service,
      tools,
      tickets: core.tickets,
      directory: core.directory,
      blobs: core.blobs,
      outbox: wakingOutbox(queue, wake),
      outboxWriter: wakingWriter(core.storage.outboxWriter, wake),
      receipts: core.storage.receipts,
      links: core.storage.links,
      engine: conversation.engine,
      knowledge: core.storage.knowledge,
      slaCounts: (scope) => core.storage.timers.slaCounts(scope),
      reports: core.reports,
      contacts: core.contacts,
      leases: redis ? createRedisLeases(redis, config.REDIS_KEY_PREFIX) : createMemoryLeases(),
      webLinks,
      logger,
      metrics,
      clock,
    };
    const modules: ChannelModule[] = [];
    for (const channel of overrides.channels ?? channelDefinitions) {
      const prepared = channel.prepare(config);
      // loadConfig already refused broken channel settings; a caller's own config may not have.
      if (!prepared.ok) throw new Error(`${channel.name}: ${prepared.error.join("; ")}`);
      if (!prepared.value) continue;
      const module = await prepared.value(ports);
      modules.push(module);
      if (module.sender) senders.register(module.sender);
    }

    const memoryLimiter = createMemoryRateLimiter();
    // One limiter for deliveries and failed authentications: shared by every instance through Redis.
    const limiter = redis
      ? withFallback(createRedisRateLimiter(redis, config.REDIS_KEY_PREFIX), memoryLimiter, logger)
      : memoryLimiter;
    worker = createOutboxWorker({
      queue,
      senders,
      limiter,
      rateLimits: overrides.rateLimits ?? rateLimitsOf(modules),
      failures: createFailureHandler({ tickets: core.tickets, directory: core.directory, notify, clock }),
      skip: deactivatedRecipient(core.directory),
      clock,
      log: logger,
      metrics: metrics.outbox,
      workerId: instanceId,
      ...outboxTimingOf(config),
      ...(overrides.random ? { random: overrides.random } : {}),
    });

    const jobs: TimerJob[] = [
      createAutoCloseJob({
        queries: core.storage.timers,
        tickets: core.tickets,
        notify,
        targets,
        policy: autoClosePolicyOf(config),
      }),
      createTriageJob({
        queries: core.storage.timers,
        tickets: core.tickets,
        notify,
        policy: triagePolicyOf(config),
      }),
      ...(config.SLA_ENABLED
        ? [
            createSlaJob({
              queries: core.storage.timers,
              targets,
              policy: slaPolicyOf(config),
              escalateOn: config.SLA_ESCALATE_ON,
            }),
          ]
        : []),
      { name: "conversation_expiry", run: (now) => conversation.engine.expireIdle(now) },
      orphanFileSweep({
        blobs: createFsBlobStore({ root: join(resolve(config.DATA_DIR), "files") }),
        referenced: (keys) => core.storage.referencedKeys(keys),
        graceMs: ORPHAN_GRACE_MS,
        everyMs: ORPHAN_SWEEP_EVERY_MS,
      }),
      {
        // Housekeeping: it fires no timer, so it reports none.
        name: "inbound_receipts",
        run: async (now) => {
          await core.storage.receipts.prune(now, RECEIPT_PRUNE_BATCH);
          return 0;
        },
      },
      ...retentionJobs(config, core, conversation.turns, instanceId, metrics),
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

    return {
      config,
      logger,
      clock,
      instanceId,
      metrics,
      core,
      tools,
      conversation: conversation.engine,
      privacy: privacyDesk(core, conversation.turns),
      outbox: queue,
      senders,
      worker,
      timers,
      modules,
      limiter,
      web: {
        sessions: redis ? createRedisWebSessions(redis, config.REDIS_KEY_PREFIX) : createMemoryWebSessions(),
        secret: webSecret,
        links: webLinks,
        live,
        isSlackAgent: modules.find((m) => m.isAgent)?.isAgent ?? null,
      },
      readiness: [
        { name: "database", check: () => core.storage.ping() },
        ...(redis ? [{ name: "redis", check: async () => void (await redis.ping()) }] : []),
        ...modules.flatMap((m) => m.readiness ?? []),
      ],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};
