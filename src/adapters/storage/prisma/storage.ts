import type { StoragePorts } from "../../../core/ports/storage.js";
import { createPrismaAbandonedFlowLog } from "./abandoned-flow-repository.js";
import { createPrismaApiKeyRepository } from "./api-key-repository.js";
import { createPrismaAuditTrail } from "./audit-log.js";
import type { Database } from "./database.js";
import { createPrismaDirectory } from "./directory.js";
import { createPrismaDirectoryListing } from "./directory-listing.js";
import { createPrismaInboundReceipts } from "./inbound-receipts.js";
import { createPrismaInvitations } from "./invitations.js";
import { createPrismaKnowledgeBase } from "./knowledge-base.js";
import { createPrismaOutboxQueue } from "./outbox-queue.js";
import { createPrismaOutbox } from "./outbox-writer.js";
import { createPrismaFileReferences, createPrismaParkedFiles } from "./parked-files.js";
import { createPrismaPersonalData } from "./personal-data.js";
import { createPrismaReportQueries } from "./report-queries.js";
import { createPrismaRetention } from "./retention.js";
import { createPrismaSavedReplies } from "./saved-replies.js";
import { createPrismaTicketCharts } from "./ticket-charts.js";
import { createPrismaTicketLinks } from "./ticket-links.js";
import { createPrismaTicketRepository } from "./ticket-repository.js";
import { createPrismaTimerQueries } from "./timer-queries.js";

/** Every storage port on one open database (PostgreSQL or the embedded PGlite). */
export const prismaStorage = (db: Database): StoragePorts => ({
  kind: db.kind,
  tickets: createPrismaTicketRepository(db.prisma),
  directory: createPrismaDirectory(db.prisma),
  listing: createPrismaDirectoryListing(db.prisma),
  outbox: createPrismaOutboxQueue(db.prisma),
  outboxWriter: createPrismaOutbox(db.prisma),
  receipts: createPrismaInboundReceipts(db.prisma),
  links: createPrismaTicketLinks(db.prisma),
  abandoned: createPrismaAbandonedFlowLog(db.prisma),
  apiKeys: createPrismaApiKeyRepository(db.prisma),
  audit: createPrismaAuditTrail(db.prisma),
  personalData: createPrismaPersonalData(db.prisma),
  retention: createPrismaRetention(db.prisma),
  timers: createPrismaTimerQueries(db.prisma),
  reports: createPrismaReportQueries(db.prisma),
  invitations: createPrismaInvitations(db.prisma),
  knowledge: createPrismaKnowledgeBase(db.prisma),
  savedReplies: createPrismaSavedReplies(db.prisma),
  charts: createPrismaTicketCharts(db.prisma),
  parkedFiles: (blobs) => createPrismaParkedFiles(db.prisma, blobs),
  referencedKeys: createPrismaFileReferences(db.prisma),
  ping: () => db.ping(),
  close: () => db.close(),
});
