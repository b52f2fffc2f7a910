import type { Database } from "../../src/adapters/storage/prisma/database.js";
import { prismaStorage } from "../../src/adapters/storage/prisma/storage.js";
import type { DirectoryRepository } from "../../src/core/ports/directory.js";
import type { InboundReceipts } from "../../src/core/ports/inbound-receipts.js";
import type { InvitationStore } from "../../src/core/ports/invitations.js";
import type { StoragePorts } from "../../src/core/ports/storage.js";
import type { TicketLinks } from "../../src/core/ports/ticket-links.js";
import type { OutboxBackend } from "../contracts/outbox-queue.contract.js";
import type { Repositories } from "../support/core-harness.js";
import { prismaRepositories } from "./prisma-repositories.js";

/** An open database and how to get rid of it. */
export type OpenDatabase = () => Promise<{ database: Database; close(): Promise<void> }>;

/** The Prisma ports over a database of their own, in the shapes the contract suites take. */
export const prismaContractStores = (open: OpenDatabase) => ({
  async outbox(): Promise<OutboxBackend> {
    const { database, close } = await open();
    const storage = prismaStorage(database);
    return {
      async fresh() {
        // Each rule is checked on its own rows: leftovers of another rule would be claimed too.
        await database.prisma.outboxItem.deleteMany();
        return { queue: storage.outbox, write: (drafts) => storage.outboxWriter.enqueue(drafts) };
      },
      close,
    };
  },
  async directory(): Promise<{ directory: DirectoryRepository; close(): Promise<void> }> {
    const { database, close } = await open();
    return { directory: prismaStorage(database).directory, close };
  },
  async reports(): Promise<{ storage: StoragePorts; close(): Promise<void> }> {
    const { database, close } = await open();
    return { storage: prismaStorage(database), close };
  },
  async invitations(): Promise<{ invitations: InvitationStore; close(): Promise<void> }> {
    const { database, close } = await open();
    return { invitations: prismaStorage(database).invitations, close };
  },
  async listing() {
    const { database, close } = await open();
    const storage = prismaStorage(database);
    return { directory: storage.directory, listing: storage.listing, close };
  },
  async receipts(): Promise<{ receipts: InboundReceipts; close(): Promise<void> }> {
    const { database, close } = await open();
    return { receipts: prismaStorage(database).receipts, close };
  },
  async links(): Promise<{ links: TicketLinks; repositories: Repositories }> {
    const { database, close } = await open();
    return { links: prismaStorage(database).links, repositories: prismaRepositories(database, close) };
  },
});
