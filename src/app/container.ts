import { join, resolve } from "node:path";
import { createContentInspector } from "../adapters/files/content-inspector.js";
import { createFsBlobStore } from "../adapters/files/fs-blob-store.js";
import { type Database, type DatabaseLogger, openDatabase } from "../adapters/storage/prisma/database.js";
import { prismaStorage } from "../adapters/storage/prisma/storage.js";
import { guardUnavailable } from "../adapters/unavailable.js";
import { type AttachmentRules, DEFAULT_ATTACHMENT_RULES } from "../core/attachments/rules.js";
import type { ContactAccess } from "../core/contacts/invitations.js";
import type { BusinessCalendars } from "../core/hours/calendar.js";
import { createKnowledgeService, type KnowledgeService } from "../core/knowledge/service.js";
import type { BlobStore } from "../core/ports/blob-store.js";
import { type Clock, systemClock } from "../core/ports/clock.js";
import type { ContentInspector } from "../core/ports/content-inspector.js";
import type { DirectoryRepository } from "../core/ports/directory.js";
import type { ParkedFiles } from "../core/ports/parked-files.js";
import type { StoragePorts } from "../core/ports/storage.js";
import type { TicketRepository } from "../core/ports/ticket-repository.js";
import { createReportService, type ReportService } from "../core/reports/service.js";
import type { NotificationPolicy } from "../core/ticket/decisions.js";
import { createTicketService, type TicketService } from "../core/ticket/service.js";
import type { Taxonomy } from "../core/ticket/taxonomy.js";
import { slaTimeMs } from "../core/timers/sla.js";
import type { Config } from "./config/index.js";
import { slaPolicyOf } from "./config/service.js";
import { buildContactAccess } from "./contact-access.js";

const slaTimeOf = (calendars: BusinessCalendars) => (department: string, from: Date, to: Date) =>
  slaTimeMs({ calendars }, department, from, to);

/** The ticket core on its storage: what the service, the CLI and the chat in the terminal share. */
export interface Core {
  readonly config: Config;
  readonly storage: StoragePorts;
  /** The open database behind `storage`, or null when the storage is this process's memory. */
  readonly db: Database | null;
  /** Attachment bytes, shared by the ticket service, the conversation engine and the channel senders. */
  readonly blobs: BlobStore;
  /** What chat flows hold of those bytes before a ticket exists (quota, and deletion when flows end). */
  readonly parked: ParkedFiles;
  readonly inspector: ContentInspector;
  readonly attachmentRules: AttachmentRules;
  readonly tickets: TicketRepository;
  readonly directory: DirectoryRepository;
  readonly service: TicketService;
  /** `stats` reports: time in status, ratings, SLA outcomes and the intake funnel. */
  readonly reports: ReportService;
  /** Invitations, activation and deactivation of contacts. */
  readonly contacts: ContactAccess;
  /** Knowledge-base articles, validated, over `storage.knowledge`. */
  readonly knowledge: KnowledgeService;
  readonly taxonomy: Taxonomy;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** For the one process that owns an embedded database: it serves it to the CLI. */
  readonly serveEmbedded: boolean;
  readonly notify?: NotificationPolicy;
  readonly clock?: Clock;
  /** False for the CLI: refuse to start an empty embedded database (see OpenDatabaseOptions). */
  readonly createEmbedded?: boolean;
  /** Told which database this process uses. */
  readonly logger?: DatabaseLogger;
  /** Storage to use instead of the configured database (tests of the doors run on memory). */
  readonly storage?: StoragePorts;
}

const noNotifications: NotificationPolicy = () => [];

const guardStorage = (storage: StoragePorts): StoragePorts => ({
  ...storage,
  tickets: guardUnavailable(storage.tickets, "database"),
  directory: guardUnavailable(storage.directory, "database"),
  listing: guardUnavailable(storage.listing, "database"),
  outbox: guardUnavailable(storage.outbox, "database"),
  outboxWriter: guardUnavailable(storage.outboxWriter, "database"),
  receipts: guardUnavailable(storage.receipts, "database"),
  links: guardUnavailable(storage.links, "database"),
  abandoned: guardUnavailable(storage.abandoned, "database"),
  apiKeys: guardUnavailable(storage.apiKeys, "database"),
  audit: guardUnavailable(storage.audit, "database"),
  personalData: storage.personalData && guardUnavailable(storage.personalData, "database"),
  retention: storage.retention && guardUnavailable(storage.retention, "database"),
  timers: guardUnavailable(storage.timers, "database"),
  reports: guardUnavailable(storage.reports, "database"),
  invitations: guardUnavailable(storage.invitations, "database"),
  knowledge: guardUnavailable(storage.knowledge, "database"),
  savedReplies: guardUnavailable(storage.savedReplies, "database"),
  charts: guardUnavailable(storage.charts, "database"),
});

export const attachmentRulesOf = (config: Config): AttachmentRules => ({
  ...DEFAULT_ATTACHMENT_RULES,
  maxFiles: config.ATTACHMENT_MAX_FILES,
  maxBytes: config.ATTACHMENT_MAX_BYTES,
  allowedTypes: config.ATTACHMENT_TYPES,
  parkedQuotaBytes: config.ATTACHMENT_PARKED_QUOTA_BYTES,
  zipMaxDepth: config.ATTACHMENT_ZIP_MAX_DEPTH,
});

export const taxonomyOf = (config: Config): Taxonomy => ({
  departments: config.DEPARTMENTS,
  types: config.TICKET_TYPES,
});

/** Wires the ticket core to its storage: the configured database, or the storage handed in. */
export const buildCore = async (config: Config, options: CoreOptions): Promise<Core> => {
  const dataDir = resolve(config.DATA_DIR);
  const db = options.storage
    ? null
    : await openDatabase({
        ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
        dataDir,
        migrateOnStart: config.DATABASE_MIGRATE_ON_START,
        serveEmbedded: options.serveEmbedded,
        ...(options.createEmbedded === undefined ? {} : { createEmbedded: options.createEmbedded }),
        ...(options.logger ? { logger: options.logger } : {}),
      });
  // Connection failures of the database become the one "retry later" error the core and the HTTP edge know.
  const storage = options.storage ?? guardStorage(prismaStorage(db!));
  const taxonomy = taxonomyOf(config);
  const blobs = createFsBlobStore({ root: join(dataDir, "files") });
  const attachmentRules = attachmentRulesOf(config);
  const inspector = createContentInspector({
    maxUncompressedBytes: attachmentRules.zipMaxUncompressedBytes,
    maxEntries: attachmentRules.zipMaxEntries,
    maxDepth: attachmentRules.zipMaxDepth,
  });
  const service = createTicketService({
    tickets: storage.tickets,
    blobs,
    inspector,
    clock: options.clock ?? systemClock,
    taxonomy,
    attachmentRules,
    reopenWindowDays: config.REOPEN_WINDOW_DAYS,
    firstResponderOwns: config.FIRST_RESPONDER_OWNS,
    ...(config.BUSINESS_HOURS_FILE ? { slaTime: slaTimeOf(config.BUSINESS_HOURS_FILE) } : {}),
    notify: options.notify ?? noNotifications,
  });
  const reports = createReportService({
    queries: storage.reports,
    clock: options.clock ?? systemClock,
    sla: slaPolicyOf(config),
  });
  const contacts = buildContactAccess(
    config,
    storage.invitations,
    storage.directory,
    options.clock ?? systemClock,
    storage.audit,
  );
  return {
    config,
    storage,
    db,
    blobs,
    parked: db ? guardUnavailable(storage.parkedFiles(blobs), "database") : storage.parkedFiles(blobs),
    inspector,
    attachmentRules,
    tickets: storage.tickets,
    directory: storage.directory,
    service,
    reports,
    contacts,
    knowledge: createKnowledgeService({
      kb: storage.knowledge,
      clock: options.clock ?? systemClock,
      departments: taxonomy.departments.map((d) => d.code),
    }),
    taxonomy,
    close: () => storage.close(),
  };
};
