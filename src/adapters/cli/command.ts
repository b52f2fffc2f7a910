import type { ParseArgsConfig } from "node:util";
import type { AgentTools } from "../../core/agent-tools.js";
import type { ContactAccess } from "../../core/contacts/invitations.js";
import type { ConversationEngine } from "../../core/conversation/index.js";
import type { BusinessCalendars } from "../../core/hours/calendar.js";
import type { Catalogue } from "../../core/i18n/catalogue.js";
import type { Lang } from "../../core/i18n/lang.js";
import type { KnowledgeService } from "../../core/knowledge/service.js";
import type { ApiKeyRepository } from "../../core/ports/api-keys.js";
import type { AuditTrail } from "../../core/ports/audit-log.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { StoragePorts } from "../../core/ports/storage.js";
import type { PrivacyDesk } from "../../core/privacy/desk.js";
import type { ReportService } from "../../core/reports/service.js";
import type { TicketService } from "../../core/ticket/service.js";
import type { Taxonomy } from "../../core/ticket/taxonomy.js";
import type { Actor } from "../../core/ticket/ticket.js";
import type { TelegramSettings } from "../telegram/config.js";
import type { WebLinks } from "../web/links.js";

/** Where a command writes: stdout for results, stderr for errors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Where a person at a terminal is told which database or service a command uses. */
  note?(text: string): void;
}

/** The ticket core as one command sees it, open for the length of the command. */
export interface CliSession {
  readonly service: TicketService;
  readonly reports: ReportService;
  /** Invitations and (de)activation of contacts, through the directory that tells running instances. */
  readonly contacts: ContactAccess;
  readonly tools: AgentTools;
  readonly directory: DirectoryRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditTrail;
  /** Knowledge-base articles (`kb`) and their figures (`stats`). */
  readonly knowledge: KnowledgeService;
  /** Which database answered. */
  readonly database: StoragePorts["kind"];
  /** Export and erasure (with the configured session store); null on memory storage. */
  privacy(): Promise<PrivacyDesk | null>;
  /** The chat engine over this session (`chat`); closed with the session. */
  conversation(): Promise<ConversationEngine>;
}

/** The configuration the commands read. */
export interface CliSettings {
  readonly defaultLang: Lang;
  readonly attachmentMaxBytes: number;
  /** From BUSINESS_HOURS_FILE; null when clocks run around the clock. */
  readonly businessHours: BusinessCalendars | null;
  /** Null when TELEGRAM_BOT_TOKEN is unset. */
  readonly telegram: TelegramSettings | null;
  /** DEPARTMENTS and TICKET_TYPES: what filters accept. */
  readonly taxonomy: Taxonomy;
  /** DATA_DIR, resolved: where the service's sockets are. */
  readonly dataDir: string;
  /** TIME_ZONE: how times are shown. */
  readonly timeZone: string;
  /** AGENT_NAME: who the person at the terminal is when a command gives no `--as`. */
  readonly agentName?: string;
  /** Signs web console links with the service's key (WEB_SECRET, or the one kept in DATA_DIR). */
  readonly webLinks: () => WebLinks;
}

export interface CommandContext {
  readonly settings: CliSettings;
  readonly io: Io;
  readonly json: boolean;
  readonly lang: Lang;
  readonly catalogue: Catalogue;
  /** The agent this command acts as (`--as NAME`, else AGENT_NAME, else the support team). */
  readonly agent: Actor;
  /**
   * Opens the configured storage for one command and always closes it; with `migrate`, pending
   * migrations are applied first.
   */
  session<T>(run: (session: CliSession) => Promise<T>, options?: { readonly migrate?: boolean }): Promise<T>;
}

export interface Command {
  readonly name: string;
  /** What it does, in each language (help lists it). */
  readonly summary: Readonly<Record<Lang, string>>;
  /** Its synopsis: syntax, the same in every language. */
  readonly usage: string;
  /** Whole invocations after `cli --`, shown by `help <command>` and `<command> --help`. */
  readonly examples?: readonly string[];
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Returns the process exit code. */
  run(ctx: CommandContext, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

/** Wrong arguments: shown with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
