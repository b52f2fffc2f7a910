import { join, resolve } from "node:path";
import { createContentInspector } from "../adapters/files/content-inspector.js";
import { createFsBlobStore } from "../adapters/files/fs-blob-store.js";
import { type Database, openDatabase } from "../adapters/storage/prisma/database.js";
import { createPrismaDirectory } from "../adapters/storage/prisma/directory.js";
import { createPrismaTicketRepository } from "../adapters/storage/prisma/ticket-repository.js";
import { type AttachmentRules, DEFAULT_ATTACHMENT_RULES } from "../core/attachments/rules.js";
import type { BlobStore } from "../core/ports/blob-store.js";
import { type Clock, systemClock } from "../core/ports/clock.js";
import type { ContentInspector } from "../core/ports/content-inspector.js";
import type { DirectoryRepository } from "../core/ports/directory.js";
import type { TicketRepository } from "../core/ports/ticket-repository.js";
import type { NotificationPolicy } from "../core/ticket/decisions.js";
import { createTicketService, type TicketService } from "../core/ticket/service.js";
import type { Taxonomy } from "../core/ticket/taxonomy.js";
import type { Config } from "./config/index.js";

export interface Core {
  readonly config: Config;
  readonly db: Database;
  /** Attachment bytes, shared by the ticket service, the conversation engine and the channel senders. */
  readonly blobs: BlobStore;
  readonly inspector: ContentInspector;
  readonly attachmentRules: AttachmentRules;
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  readonly service: TicketService;
  readonly taxonomy: Taxonomy;
  close(): Promise<void>;
}

const noNotifications: NotificationPolicy = () => [];

/** Wires the ticket core to its storage. `serveEmbedded` is for the one process that owns an embedded database. */
export const buildCore = async (
  config: Config,
  options: { serveEmbedded: boolean; notify?: NotificationPolicy; clock?: Clock },
): Promise<Core> => {
  const dataDir = resolve(config.DATA_DIR);
  const db = await openDatabase({
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
    dataDir,
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    serveEmbedded: options.serveEmbedded,
  });
  const tickets = createPrismaTicketRepository(db.prisma);
  const directory = createPrismaDirectory(db.prisma);
  const taxonomy: Taxonomy = { departments: config.DEPARTMENTS, types: config.TICKET_TYPES };
  const blobs = createFsBlobStore({ root: join(dataDir, "files") });
  const attachmentRules: AttachmentRules = {
    ...DEFAULT_ATTACHMENT_RULES,
    maxFiles: config.ATTACHMENT_MAX_FILES,
    maxBytes: config.ATTACHMENT_MAX_BYTES,
    allowedTypes: config.ATTACHMENT_TYPES,
    parkedQuotaBytes: config.ATTACHMENT_PARKED_QUOTA_BYTES,
    zipMaxDepth: config.ATTACHMENT_ZIP_MAX_DEPTH,
  };
  const inspector = createContentInspector({
    maxUncompressedBytes: attachmentRules.zipMaxUncompressedBytes,
    maxEntries: attachmentRules.zipMaxEntries,
    maxDepth: attachmentRules.zipMaxDepth,
  });
  const service = createTicketService({
    tickets,
    blobs,
    inspector,
    clock: options.clock ?? systemClock,
    taxonomy,
    attachmentRules,
    reopenWindowDays: config.REOPEN_WINDOW_DAYS,
    notify: options.notify ?? noNotifications,
  });
  return {
    config,
    db,
    blobs,
    inspector,
    attachmentRules,
    tickets,
    directory,
    service,
    taxonomy,
    close: () => db.close(),
  };
};
