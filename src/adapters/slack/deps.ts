import type { Logger } from "pino";
import type { AgentTools } from "../../core/agent-tools.js";
import type { ContactAccess } from "../../core/contacts/invitations.js";
import type { Lang } from "../../core/i18n/index.js";
import type { BlobStore } from "../../core/ports/blob-store.js";
import type { Clock } from "../../core/ports/clock.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { InboundReceipts } from "../../core/ports/inbound-receipts.js";
import type { KnowledgeBase } from "../../core/ports/knowledge-base.js";
import type { OutboxQueue } from "../../core/ports/outbox-queue.js";
import type { TicketRepository } from "../../core/ports/ticket-repository.js";
import type { ReportService } from "../../core/reports/service.js";
import type { TicketService } from "../../core/ticket/service.js";
import type { Taxonomy } from "../../core/ticket/taxonomy.js";
import type { Actor } from "../../core/ticket/ticket.js";
import type { SharedSettings } from "../channel.js";
import type { WebLinks } from "../web/links.js";
import type { AgentAccess } from "./access.js";
import type { SlackClients } from "./clients.js";
import type { SlackSettings } from "./config.js";
import type { FileDownloader } from "./files.js";
import type { People } from "./people.js";
import type { AgentView } from "./root-message.js";
import { agentIdOf } from "./text.js";
import type { SlackThreads } from "./threads.js";

/** Who the bot is in the workspace, from auth.test at start. */
export interface BotIdentity {
  readonly userId: string;
  readonly botId: string | null;
  readonly teamId: string;
  /** "https://acme.slack.com/", for links to messages. */
  readonly url: string;
}

/** Everything the Slack handlers and sender work with, built once by the channel factory. */
export interface SlackDeps {
  readonly settings: SlackSettings;
  readonly shared: SharedSettings;
  readonly service: TicketService;
  /** The agents' everyday tools (saved replies, tags, merge). */
  readonly tools: AgentTools;
  readonly tickets: Pick<TicketRepository, "findById" | "events">;
  readonly directory: DirectoryRepository;
  readonly taxonomy: Taxonomy;
  /** Articles suggested in the ticket form and inserted into agents' replies; none when absent. */
  readonly knowledge?: KnowledgeBase;
  readonly outbox: OutboxQueue;
  readonly receipts: InboundReceipts;
  readonly threads: SlackThreads;
  readonly clients: SlackClients;
  readonly people: People;
  readonly access: AgentAccess;
  readonly files: FileDownloader;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Who the bot is; asked of Slack once, again after a failure. */
  readonly bot: () => Promise<BotIdentity>;
  /** Open tickets past an SLA warning or breach (the timers' stamps), for the dashboard. */
  readonly slaCounts: () => Promise<{ atRisk: number; breached: number }>;
  readonly reports: ReportService;
  readonly contacts: ContactAccess;
  /** Sign-in links to the web console; absent when the service runs without it. */
  readonly webLinks?: WebLinks;
}

/** Agents work in the service's default language. */
export const agentLang = (deps: Pick<SlackDeps, "shared">): Lang => deps.shared.defaultLang;

export const agentView = (deps: Pick<SlackDeps, "shared" | "taxonomy" | "clock">): AgentView => ({
  lang: deps.shared.defaultLang,
  taxonomy: deps.taxonomy,
  timeZone: deps.shared.timeZone,
  sla: deps.shared.sla,
  now: deps.clock.now(),
  tagSuggestions: deps.shared.tagSuggestions,
});

/** The agents' channel of a department: its own when configured, the default one otherwise. */
export const channelFor = (settings: SlackSettings, department: string): string =>
  settings.departmentChannels[department] ?? settings.agentChannel;

export const agentChannels = (settings: SlackSettings): string[] => [
  ...new Set([settings.agentChannel, ...Object.values(settings.departmentChannels)]),
];

export const isAgentChannel = (settings: SlackSettings, channel: string | undefined): boolean =>
  channel !== undefined && agentChannels(settings).includes(channel);

/** An agent as the core knows them: identity only from the Slack user id of a signed request. */
export const agentActor = (user: string, name: string): Actor => ({
  kind: "agent",
  id: agentIdOf(user),
  name,
});

/** The source key of a Slack message: its conversation and ts, unique in the workspace. */
export const messageKey = (channel: string, ts: string): string => `slack:${channel}:${ts}`;
