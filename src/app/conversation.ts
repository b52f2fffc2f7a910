import { Redis } from "ioredis";
import { createMemoryContactLock } from "../adapters/sessions/memory-contact-lock.js";
import { createMemoryInboundDedupe } from "../adapters/sessions/memory-inbound-dedupe.js";
import { createMemorySessionStore } from "../adapters/sessions/memory-session-store.js";
import { createRedisContactLock } from "../adapters/sessions/redis-contact-lock.js";
import { createRedisInboundDedupe } from "../adapters/sessions/redis-inbound-dedupe.js";
import { createRedisSessionStore } from "../adapters/sessions/redis-session-store.js";
import { createPrismaAbandonedFlowLog } from "../adapters/storage/prisma/abandoned-flow-repository.js";
import { createPrismaOutbox } from "../adapters/storage/prisma/outbox-writer.js";
import { createPrismaParkedFiles } from "../adapters/storage/prisma/parked-files.js";
import {
  type ConversationDeps,
  type ConversationEngine,
  type ConversationLogger,
  createConversationEngine,
} from "../core/conversation/index.js";
import { type Clock, systemClock } from "../core/ports/clock.js";
import type { ContactLock } from "../core/ports/contact-lock.js";
import type { InboundDedupe } from "../core/ports/inbound-dedupe.js";
import type { SessionStore } from "../core/ports/session-store.js";
import type { Config } from "./config/index.js";
import type { Core } from "./container.js";

export interface SessionBackend {
  readonly kind: "redis" | "memory";
  readonly sessions: SessionStore;
  readonly lock: ContactLock;
  readonly dedupe: InboundDedupe;
  close(): Promise<void>;
}

/**
 * Redis when REDIS_URL is set (shared by every instance: sessions, per-contact lock, redelivery
 * window); otherwise this process's memory, which suits the embedded single-process setup.
 */
export const openSessionBackend = async (
  config: Config,
  clock: Clock = systemClock,
): Promise<SessionBackend> => {
  const ttlMs = config.CONVERSATION_IDLE_MINUTES * 60_000;
  const dedupeMs = config.CONVERSATION_DEDUPE_MINUTES * 60_000;
  if (!config.REDIS_URL) {
    return {
      kind: "memory",
      sessions: createMemorySessionStore({ ttlMs, clock }),
      lock: createMemoryContactLock(),
      dedupe: createMemoryInboundDedupe({ ttlMs: dedupeMs, clock }),
      close: async () => {},
    };
  }
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 3 });
  // Without a listener ioredis reports every failed reconnect as an unhandled error; outages are
  // reported by the service's own Redis client and /readyz, and requests fail over to 503.
  redis.on("error", () => {});
  await redis.connect();
  const prefix = config.REDIS_KEY_PREFIX;
  return {
    kind: "redis",
    sessions: createRedisSessionStore({ redis, prefix, ttlMs }),
    lock: createRedisContactLock({
      redis,
      prefix,
      ttlMs: config.CONVERSATION_LOCK_TTL_SECONDS * 1000,
      waitMs: config.CONVERSATION_LOCK_WAIT_SECONDS * 1000,
    }),
    dedupe: createRedisInboundDedupe({ redis, prefix, ttlMs: dedupeMs }),
    close: async () => {
      await redis.quit();
    },
  };
};

export interface ConversationRuntime {
  readonly engine: ConversationEngine;
  readonly backend: SessionBackend["kind"];
  /** Closes the session backend; the core is closed by its owner. */
  close(): Promise<void>;
}

/** Builds the chat engine on top of a Core: its storage, the outbox and the session backend. */
export const buildConversation = async (
  core: Core,
  options: {
    clock?: Clock;
    logger?: ConversationLogger;
    backend?: SessionBackend;
    onRefused?: ConversationDeps["onRefused"];
  } = {},
): Promise<ConversationRuntime> => {
  const { config } = core;
  const clock = options.clock ?? systemClock;
  const backend = options.backend ?? (await openSessionBackend(config, clock));
  const engine = createConversationEngine({
    service: core.service,
    directory: core.directory,
    sessions: backend.sessions,
    lock: backend.lock,
    dedupe: backend.dedupe,
    abandoned: createPrismaAbandonedFlowLog(core.db.prisma),
    outbox: createPrismaOutbox(core.db.prisma),
    blobs: core.blobs,
    parked: createPrismaParkedFiles(core.db.prisma, core.blobs),
    inspector: core.inspector,
    attachmentRules: core.attachmentRules,
    taxonomy: core.taxonomy,
    clock,
    settings: {
      accessPolicy: config.ACCESS_POLICY,
      idleMinutes: config.CONVERSATION_IDLE_MINUTES,
      timeZone: config.TIME_ZONE,
      defaultLang: config.DEFAULT_LANGUAGE,
    },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
  });
  return { engine, backend: backend.kind, close: () => backend.close() };
};
