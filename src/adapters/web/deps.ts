import type { AttachmentRules } from "../../core/attachments/rules.js";
import type { ContactAccess } from "../../core/contacts/invitations.js";
import type { Lang } from "../../core/i18n/index.js";
import type { ApiKeyRepository } from "../../core/ports/api-keys.js";
import type { AuditLog } from "../../core/ports/audit-log.js";
import type { BlobStore } from "../../core/ports/blob-store.js";
import type { Clock } from "../../core/ports/clock.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { DirectoryListing } from "../../core/ports/directory-listing.js";
import type { TicketCharts } from "../../core/ports/ticket-charts.js";
import type { StatsScope } from "../../core/ports/ticket-repository.js";
import type { SlaCounts } from "../../core/ports/timer-queries.js";
import type { WebSessions } from "../../core/ports/web-sessions.js";
import type { ReportService } from "../../core/reports/service.js";
import type { TicketService } from "../../core/ticket/service.js";
import type { Taxonomy } from "../../core/ticket/taxonomy.js";
import type { SlaPolicy } from "../../core/timers/sla.js";
import type { LiveTickets } from "./live.js";

export interface WebConsoleSettings {
  /** Where people reach the service, without a trailing slash; links and the Origin check use it. */
  readonly publicUrl: string;
  readonly linkMs: number;
  readonly sessionMs: number;
  readonly adminSlackUsers: readonly string[];
  /** How old dashboard figures may be before they are recomputed (DASHBOARD_CACHE_SECONDS). */
  readonly dashboardCacheMs: number;
  readonly timeZone: string;
  readonly defaultLang: Lang;
  /** The built front end (web/dist); null serves a page saying how to build it. */
  readonly distDir: string | null;
}

/** What the console needs from the rest of the service: the same ports the other doors use. */
export interface WebDeps {
  readonly service: TicketService;
  readonly directory: DirectoryRepository;
  readonly listing: DirectoryListing;
  readonly keys: ApiKeyRepository;
  readonly blobs: BlobStore;
  readonly charts: TicketCharts;
  /** Time in status, SLA outcomes, ratings and the intake funnel: the report `stats` prints. */
  readonly reports: ReportService;
  /** Invitations and (de)activation, audited by the core like every other door's. */
  readonly contacts: ContactAccess;
  /** Console sign-ins are recorded here. */
  readonly audit: AuditLog;
  readonly sessions: WebSessions;
  readonly secret: string;
  readonly settings: WebConsoleSettings;
  readonly clock: Clock;
  readonly sla: SlaPolicy;
  readonly slaCounts: (scope: StatsScope) => Promise<SlaCounts>;
  readonly taxonomy: Taxonomy;
  readonly attachmentRules: AttachmentRules;
  /** Whether Slack lists this user as an agent (the check the buttons make); null when Slack is off. */
  readonly isSlackAgent: ((user: string) => Promise<boolean>) | null;
  readonly live: LiveTickets;
}
