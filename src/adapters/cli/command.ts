import type { ParseArgsConfig } from "node:util";
import type { ConversationEngine } from "../../core/conversation/index.js";
import type { Catalogue } from "../../core/i18n/catalogue.js";
import type { Lang } from "../../core/i18n/lang.js";
import type { ApiKeyRepository } from "../../core/ports/api-keys.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { StoragePorts } from "../../core/ports/storage.js";
import type { TicketService } from "../../core/ticket/service.js";
import type { TelegramSettings } from "../telegram/config.js";
import type { WebLinks } from "../web/links.js";

/** Where a command writes: stdout for results, stderr for errors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The ticket core as one command sees it, open for the length of the command. */
export interface CliSession {
  readonly service: TicketService;
  readonly directory: DirectoryRepository;
  readonly apiKeys: ApiKeyRepository;
  /** Which database answered. */
  readonly database: StoragePorts["kind"];
  /** The chat engine over this session (`chat`); closed with the session. */
  conversation(): Promise<ConversationEngine>;
}

/** The configuration the commands read. */
export interface CliSettings {
  readonly defaultLang: Lang;
  readonly attachmentMaxBytes: number;
  /** Null when TELEGRAM_BOT_TOKEN is unset. */
  readonly telegram: TelegramSettings | null;
  /** Signs web console links with the service's key (WEB_SECRET, or the one kept in DATA_DIR). */
  readonly webLinks: () => WebLinks;
}

export interface CommandContext {
  readonly settings: CliSettings;
  readonly io: Io;
  readonly json: boolean;
  readonly lang: Lang;
  readonly catalogue: Catalogue;
  /**
   * Opens the configured storage for one command and always closes it; with `migrate`, pending
   * migrations are applied first.
   */
  session<T>(run: (session: CliSession) => Promise<T>, options?: { readonly migrate?: boolean }): Promise<T>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Returns the process exit code. */
  run(ctx: CommandContext, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

/** Wrong arguments: shown with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
