import type { AbandonedFlowLog } from "./abandoned-flows.js";
import type { ApiKeyRepository } from "./api-keys.js";
import type { BlobStore } from "./blob-store.js";
import type { DirectoryRepository } from "./directory.js";
import type { DirectoryListing } from "./directory-listing.js";
import type { InboundReceipts } from "./inbound-receipts.js";
import type { Outbox } from "./outbox.js";
import type { OutboxQueue } from "./outbox-queue.js";
import type { ParkedFiles } from "./parked-files.js";
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
  readonly timers: TimerQueries;
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
