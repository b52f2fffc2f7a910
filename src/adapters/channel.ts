import type { Logger } from "pino";
import type { z } from "zod";
import type { AgentTools } from "../core/agent-tools.js";
import type { AttachmentRules } from "../core/attachments/rules.js";
import type { ContactAccess } from "../core/contacts/invitations.js";
import type { ConversationEngine } from "../core/conversation/index.js";
import type { Lang } from "../core/i18n/index.js";
import type { BlobStore } from "../core/ports/blob-store.js";
import type { ChannelSender } from "../core/ports/channel-sender.js";
import type { Clock } from "../core/ports/clock.js";
import type { DirectoryRepository } from "../core/ports/directory.js";
import type { InboundReceipts } from "../core/ports/inbound-receipts.js";
import type { KnowledgeBase } from "../core/ports/knowledge-base.js";
import type { Leases } from "../core/ports/lease.js";
import type { Outbox } from "../core/ports/outbox.js";
import type { OutboxQueue } from "../core/ports/outbox-queue.js";
import type { TicketLinks } from "../core/ports/ticket-links.js";
import type { TicketRepository } from "../core/ports/ticket-repository.js";
import type { TimerQueries } from "../core/ports/timer-queries.js";
import type { ReportService } from "../core/reports/service.js";
import { ok, type Result } from "../core/shared/result.js";
import type { Channel } from "../core/ticket/channel.js";
import type { TicketService } from "../core/ticket/service.js";
import type { Taxonomy } from "../core/ticket/taxonomy.js";
import type { SlaPolicy } from "../core/timers/sla.js";
import type { ChannelHttp } from "./http/channel-routes.js";
import type { ReadinessCheck } from "./http/health.js";
import type { RateLimits } from "./outbox/rate-limiter.js";
import type { TimerJob } from "./timers/scheduler.js";
import type { WebLinks } from "./web/links.js";

/** The service's settings every channel shares; each channel's own come typed in `settings`. */
export interface SharedSettings {
  readonly defaultLang: Lang;
  /** IANA zone dates are shown in. */
  readonly timeZone: string;
  readonly attachments: AttachmentRules;
  readonly sla: SlaPolicy;
  /** Departments and ticket types with their labels. */
  readonly taxonomy: Taxonomy;
  /** Grace for work under way when the service stops. */
  readonly shutdownTimeoutMs: number;
  /** Tags offered in menus (agents may use others). */
  readonly tagSuggestions: readonly string[];
  /** How long an agent's reply waits in the outbox before it goes out. */
  readonly replyGraceMs: number;
  /** This instance's name, unique among the instances sharing storage. */
  readonly instanceId: string;
  /** A folder this instance may keep a channel's local state in (a linked WhatsApp Web session). */
  readonly stateDir: string;
}

/** What a channel counts. */
export interface ChannelMetrics {
  inboundMessage(channel: Channel): void;
}

/**
 * What a channel gets to build itself: its own typed settings and the ports. Never the container,
 * the database client or the whole configuration.
 */
export interface ChannelContext<S> {
  readonly settings: S;
  readonly shared: SharedSettings;
  /** The ticket use cases; every write through it wakes the outbox worker. */
  readonly service: TicketService;
  /** The agents' everyday tools (saved replies, tags, merge), over the same waking service. */
  readonly tools: AgentTools;
  /** Reads of tickets and their history beyond what a requester may see (the agents' views). */
  readonly tickets: Pick<TicketRepository, "findById" | "events">;
  readonly directory: DirectoryRepository;
  /** The content-addressed store attachments live in; the same one the ticket service writes. */
  readonly blobs: BlobStore;
  /** The shared outbox; releasing or reopening items here wakes this instance's worker. */
  readonly outbox: OutboxQueue;
  /** Writes items no ticket change carries (a dialogue answer queued for retries); wakes the worker. */
  readonly outboxWriter: Outbox;
  readonly receipts: InboundReceipts;
  readonly links: TicketLinks;
  readonly engine: ConversationEngine;
  /** Knowledge-base articles, for channels that suggest them outside the chat engine (Slack's form). */
  readonly knowledge?: KnowledgeBase;
  readonly slaCounts: TimerQueries["slaCounts"];
  /** `stats` reports (time in status, ratings, SLA outcomes, intake funnel), for dashboards. */
  readonly reports: ReportService;
  /** Invitations and (de)activation of contacts (Slack `/ticket invite`). */
  readonly contacts: ContactAccess;
  readonly leases: Leases;
  readonly logger: Logger;
  readonly metrics: ChannelMetrics;
  readonly clock: Clock;
  /** Sign-in links to the web console (`/ticket web` in Slack, "open in browser" in chat). */
  readonly webLinks?: WebLinks;
}

/** A channel as the service runs it: webhook routes, a sender for its outbox items, timers of its own. */
export interface ChannelModule {
  readonly http?: ChannelHttp;
  readonly sender?: ChannelSender;
  readonly timerJobs?: readonly TimerJob[];
  /** Shown at /readyz (e.g. whether the WhatsApp Web session is linked). */
  readonly readiness?: readonly ReadinessCheck[];
  /** The platform's pace for this channel's deliveries, when it differs from the default. */
  readonly rateLimits?: RateLimits;
  /** Whether this platform lists a user as an agent (Slack): the console's agents are the same people. */
  readonly isAgent?: (user: string) => Promise<boolean>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/**
 * A chat platform chamado can talk to: its configuration (parsed with the rest of the service's, so
 * every problem is listed at once), the settings that configuration yields, and how it is built.
 */
export interface ChannelDefinition<Shape extends z.ZodRawShape = z.ZodRawShape, S = unknown> {
  readonly name: string;
  /** The channel's environment variables. */
  readonly config: Shape;
  /**
   * The channel's settings, null when it is off, or every rule across its variables that is broken
   * (one "  NAME: why" line each).
   */
  settings(fields: z.output<z.ZodObject<Shape>>): Result<S | null, readonly string[]>;
  create(ctx: ChannelContext<S>): Promise<ChannelModule> | ChannelModule;
}

/** The ports a channel is built with; its own settings are added by its definition. */
export type ChannelPorts = Omit<ChannelContext<never>, "settings">;

/** Builds a channel that is on; returned by `prepare` once its settings were read. */
export type ChannelBuilder = (ports: ChannelPorts) => Promise<ChannelModule> | ChannelModule;

/** A channel as the service holds it among others, its settings type out of sight. */
export interface RunnableChannel {
  readonly name: string;
  /**
   * Reads the channel's settings from the service's parsed configuration (which includes this
   * channel's variables): a builder when it is on, null when it is off, or its problems.
   */
  prepare(config: object): Result<ChannelBuilder | null, readonly string[]>;
}

/** A definition that the service can also run among the other channels. */
export const defineChannel = <Shape extends z.ZodRawShape, S>(
  definition: ChannelDefinition<Shape, S>,
): ChannelDefinition<Shape, S> & RunnableChannel => ({
  ...definition,
  prepare(config) {
    // The configuration was parsed by a schema that includes this channel's fields.
    const settings = definition.settings(config as z.output<z.ZodObject<Shape>>);
    if (!settings.ok) return settings;
    const value = settings.value;
    if (value === null) return ok(null);
    return ok((ports: ChannelPorts) => definition.create({ ...ports, settings: value }));
  },
});
