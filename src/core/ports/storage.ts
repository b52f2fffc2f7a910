import type { AbandonedFlowLog } from "./abandoned-flows.js";
import type { ApiKeyRepository } from "./api-keys.js";
import type { AuditTrail } from "./audit-log.js";
import type { BlobStore } from "./blob-store.js";
import type { DirectoryRepository } from "./directory.js";
import type { DirectoryListing } from "./directory-listing.js";
import type { InboundReceipts } from "./inbound-receipts.js";
import type { InvitationStore } from "./invitations.js";
import type { KnowledgeBase } from "./knowledge-base.js";
import type { Outbox } from "./outbox.js";
import type { OutboxQueue } from "./outbox-queue.js";
import type { ParkedFiles } from "./parked-files.js";
import type { PersonalDataStore } from "./personal-data.js";
import type { ReportQueries } from "./reports.js";
import type { RetentionStore } from "./retention.js";
import type { SavedReplyRepository } from "./saved-replies.js";
import type { TicketCharts } from "./ticket-charts.js";
import type { TicketLinks } from "./ticket-links.js";
import type { TicketRepository } from "./ticket-repository.js";
import type { TimerQueries } from "./timer-queries.js";

/**
 * Every port one store provides, as the composition root hands them out: PostgreSQL (or the
 * embedded PGlite) in production, this process's memory in tests of the doors. Both implement
 * the same contract suites.
 */
export interface StoragePorts {
  readonly kind: "postgres" | "embedded" | "memory";
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  /** The directory a page at a time, for the web console's admin page. */
  readonly listing: DirectoryListing;
  readonly outbox: OutboxQueue;
  /** Writes notifications no ticket change carries (an expired conversation). */
  readonly outboxWriter: Outbox;
  readonly receipts: InboundReceipts;
  readonly links: TicketLinks;
  readonly abandoned: AbandonedFlowLog;
  readonly apiKeys: ApiKeyRepository;
  /** Administrative actions, append-only. */
  readonly audit: AuditTrail;
  /** Export and erasure of a contact's data; null on memory storage, which has no such requests. */
  readonly personalData: PersonalDataStore | null;
  /** Deletions that come with age; null on memory storage (nothing outlives the process). */
  readonly retention: RetentionStore | null;
  readonly timers: TimerQueries;
  /** The figures of `stats` reports (time in status, ratings, SLA outcomes, intake funnel). */
  readonly reports: ReportQueries;
  /** One-time codes that activate invited contacts on their channel. */
  readonly invitations: InvitationStore;
  /** Knowledge-base articles, their history and their suggestion figures. */
  readonly knowledge: KnowledgeBase;
  readonly savedReplies: SavedReplyRepository;
  /** The web console's dashboard aggregates. */
  readonly charts: TicketCharts;
  /** The references chat flows hold to files received before a ticket exists, over their blob store. */
  parkedFiles(blobs: BlobStore): ParkedFiles;
  /** Which of these storage keys an attachment or a parked file names (what the orphan sweep keeps). */
  referencedKeys(keys: readonly string[]): Promise<ReadonlySet<string>>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
