import type { BlobStore } from "../../../core/ports/blob-store.js";
import type { ParkedFiles } from "../../../core/ports/parked-files.js";
import type { StoragePorts } from "../../../core/ports/storage.js";
import { createMemoryAbandonedFlowLog } from "./abandoned-flows.js";
import { createMemoryApiKeys } from "./api-keys.js";
import { createMemoryAuditTrail } from "./audit-log.js";
import { createMemoryDirectory } from "./directory.js";
import { createMemoryInboundReceipts } from "./inbound-receipts.js";
import { createMemoryInvitations } from "./invitations.js";
import { createMemoryKnowledgeBase } from "./knowledge-base.js";
import { createMemoryOutbox, type MemoryOutboxRow } from "./outbox-queue.js";
import { createMemoryParkedFiles } from "./parked-files.js";
import { createMemoryReportQueries } from "./report-queries.js";
import { createMemorySavedReplies } from "./saved-replies.js";
import { createMemoryTicketCharts } from "./ticket-charts.js";
import { createMemoryTicketLinks } from "./ticket-links.js";
import { createMemoryTicketRepository } from "./ticket-repository.js";
import { createMemoryTimerQueries } from "./timer-queries.js";

export interface MemoryStorage extends StoragePorts {
  /** The outbox rows written so far, oldest first, for tests to look at. */
  outboxRows(): readonly Readonly<MemoryOutboxRow>[];
}

/**
 * Every storage port in this process's memory: one instance, nothing kept across restarts. Tests of
 * the doors run the real service on it, so they need no database; the contract suites hold it to
 * the PostgreSQL implementations' behaviour.
 */
export const createMemoryStorage = (): MemoryStorage => {
  const outbox = createMemoryOutbox();
  // The timers keep the SLA marks the "breaching" filter reads; they need the tickets first.
  let timers: ReturnType<typeof createMemoryTimerQueries> | undefined;
  const tickets = createMemoryTicketRepository({
    outbox: outbox.writer,
    slaBreached: (id) => timers?.slaBreached(id) ?? false,
  });
  const directory = createMemoryDirectory();
  const abandoned = createMemoryAbandonedFlowLog();
  timers = createMemoryTimerQueries({ tickets: tickets.all, outbox: outbox.writer });
  // One store of references per storage, whatever blob store asks for it first.
  let parked: ReturnType<typeof createMemoryParkedFiles> | undefined;
  const parkedFiles = (blobs: BlobStore): ParkedFiles => {
    parked ??= createMemoryParkedFiles({ blobs, attached: tickets.isAttached });
    return parked;
  };
  return {
    kind: "memory",
    tickets: tickets.repository,
    directory,
    listing: directory.listing,
    outbox: outbox.queue,
    outboxWriter: outbox.writer,
    receipts: createMemoryInboundReceipts(),
    links: createMemoryTicketLinks(tickets.numberOf),
    abandoned,
    apiKeys: createMemoryApiKeys(directory),
    audit: createMemoryAuditTrail(),
    personalData: null,
    retention: null,
    timers,
    reports: createMemoryReportQueries({
      tickets: tickets.all,
      events: (id) => tickets.repository.events(id),
      abandoned: abandoned.entries,
      directory,
    }),
    invitations: createMemoryInvitations(),
    knowledge: createMemoryKnowledgeBase(),
    savedReplies: createMemorySavedReplies(),
    charts: createMemoryTicketCharts(tickets.all),
    parkedFiles,
    async referencedKeys(keys) {
      const used = new Set<string>();
      for (const key of keys) if (parked?.isParked(key) || (await tickets.isAttached(key))) used.add(key);
      return used;
    },
    ping: async () => {},
    close: async () => {},
    outboxRows: outbox.rows,
  };
};
