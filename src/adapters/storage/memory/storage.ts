import type { StoragePorts } from "../../../core/ports/storage.js";
import { createMemoryAbandonedFlowLog } from "./abandoned-flows.js";
import { createMemoryApiKeys } from "./api-keys.js";
import { createMemoryDirectory } from "./directory.js";
import { createMemoryInboundReceipts } from "./inbound-receipts.js";
import { createMemoryOutbox, type MemoryOutboxRow } from "./outbox-queue.js";
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
  const tickets = createMemoryTicketRepository({ outbox: outbox.writer });
  const directory = createMemoryDirectory();
  return {
    kind: "memory",
    tickets: tickets.repository,
    directory,
    outbox: outbox.queue,
    outboxWriter: outbox.writer,
    receipts: createMemoryInboundReceipts(),
    links: createMemoryTicketLinks(tickets.numberOf),
    abandoned: createMemoryAbandonedFlowLog(),
    apiKeys: createMemoryApiKeys(directory),
    timers: createMemoryTimerQueries({ tickets: tickets.all, outbox: outbox.writer }),
    ping: async () => {},
    close: async () => {},
    outboxRows: outbox.rows,
  };
};
