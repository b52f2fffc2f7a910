import { Redis } from "ioredis";
import { createMemoryTurnStore } from "../adapters/sessions/memory-turn-store.js";
import { createRedisTurnStore } from "../adapters/sessions/redis-turn-store.js";
import {
  type ConversationDeps,
  type ConversationEngine,
  type ConversationLogger,
  createConversationEngine,
} from "../core/conversation/index.js";
import { type Clock, systemClock } from "../core/ports/clock.js";
import type { TurnStore } from "../core/ports/turn-store.js";
import type { TicketService } from "../core/ticket/service.js";
import type { Config } from "./config/index.js";
import type { Core } from "./container.js";

export interface SessionBackend {
  readonly kind: "redis" | "memory";
  readonly turns: TurnStore;
  close(): Promise<void>;
}

/** Fails fast while Redis is away (no offline queue), so a chat webhook answers 503 instead of hanging. */
export const openRedis = async (url: string, onError: (error: Error) => void = () => {}): Promise<Redis> => {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  });
  redis.on("error", onError);
  await redis.connect();
  return redis;
};

/**
 * Redis when REDIS_URL is set (shared by every instance: sessions, per-contact lock, handled
 * messages); otherwise this process's memory, which suits the embedded single-process setup. A
 * client handed in is used and left open; one opened here is closed with the backend.
 */
export const openSessionBackend = async (
  config: Config,
  clock: Clock = systemClock,
  shared?: Redis | null,
): Promise<SessionBackend> => {
  const sessionTtlMs = config.CONVERSATION_IDLE_MINUTES * 60_000;
  const waitMs = config.CONVERSATION_LOCK_WAIT_SECONDS * 1000;
  if (!config.REDIS_URL) {
    return {
      kind: "memory",
      turns: createMemoryTurnStore({ sessionTtlMs, waitMs, clock }),
      close: async () => {},
    };
  }
  const redis = shared ?? (await openRedis(config.REDIS_URL));
  const turns = createRedisTurnStore({
    redis,
    prefix: config.REDIS_KEY_PREFIX,
    sessionTtlMs,
    lockTtlMs: config.CONVERSATION_LOCK_TTL_SECONDS * 1000,
    waitMs,
  });
  return {
    kind: "redis",
    turns,
    close: async () => {
      if (!shared) await redis.quit().catch(() => redis.disconnect());
    },
  };
};

export interface ConversationRuntime {
  readonly engine: ConversationEngine;
  readonly backend: SessionBackend["kind"];
  /** The engine's session store (what an erasure clears). */
  readonly turns: TurnStore;
  /** Closes the session backend; the core is closed by its owner. */
  close(): Promise<void>;
}

/**
 * Builds the chat engine on top of a Core: its storage, the outbox and the session backend. `service`
 * replaces the core's own ticket service (the running service's, whose writes wake the outbox worker).
 */
export const buildConversation = async (
  core: Core,
  options: {
    clock?: Clock;
    logger?: ConversationLogger;
    backend?: SessionBackend;
    service?: TicketService;
    redis?: Redis | null;
    onRefused?: ConversationDeps["onRefused"];
    webLink?: ConversationDeps["webLink"];
  } = {},
): Promise<ConversationRuntime> => {
  const { config } = core;
  const clock = options.clock ?? systemClock;
  const backend = options.backend ?? (await openSessionBackend(config, clock, options.redis));
  const engine = createConversationEngine({
    service: options.service ?? core.service,
    directory: core.directory,
    contacts: core.contacts,
    turns: backend.turns,
    abandoned: core.storage.abandoned,
    outbox: core.storage.outboxWriter,
    blobs: core.blobs,
    parked: core.parked,
    inspector: core.inspector,
    attachmentRules: core.attachmentRules,
    taxonomy: core.taxonomy,
    knowledge: core.storage.knowledge,
    clock,
    settings: {
      accessPolicy: config.ACCESS_POLICY,
      idleMinutes: config.CONVERSATION_IDLE_MINUTES,
      timeZone: config.TIME_ZONE,
      defaultLang: config.DEFAULT_LANGUAGE,
      rememberMs: config.CONVERSATION_DEDUPE_MINUTES * 60_000,
    },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
    // A department is chosen later in the chat: the default schedule says whether support is in.
    ...(config.BUSINESS_HOURS_FILE ? { awayHours: config.BUSINESS_HOURS_FILE.of(null) } : {}),
    ...(options.webLink ? { webLink: options.webLink } : {}),
  });
  return { engine, backend: backend.kind, turns: backend.turns, close: () => backend.close() };
};
