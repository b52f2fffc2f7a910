import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createPgTestDatabase } from "../../testkit/pg-test-database.js";
import { directoryContract } from "../contracts/directory.contract.js";
import { directoryListingContract } from "../contracts/directory-listing.contract.js";
import { inboundReceiptsContract } from "../contracts/inbound-receipts.contract.js";
import { invitationsContract } from "../contracts/invitations.contract.js";
import { outboxQueueContract } from "../contracts/outbox-queue.contract.js";
import { reportsContract } from "../contracts/reports.contract.js";
import { ticketLinksContract } from "../contracts/ticket-links.contract.js";
import { ticketStoreContract } from "../contracts/ticket-store.contract.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { prismaRepositories } from "./prisma-repositories.js";
import { prismaContractStores } from "./prisma-storage.js";

const open = async () => {
  const throwaway = (await createPgTestDatabase())!;
  const database = await openDatabase({
    databaseUrl: throwaway.url,
    dataDir: "unused",
    migrateOnStart: false,
  });
  return {
    database,
    async close() {
      await database.close();
      await throwaway.drop();
    },
  };
};
const stores = prismaContractStores(open);

describeWith({ pg: true }, "PostgreSQL", () => {
  ticketStoreContract("Prisma on PostgreSQL", async () => {
    const { database, close } = await open();
    return prismaRepositories(database, close);
  });
  outboxQueueContract("Prisma on PostgreSQL", stores.outbox);
  inboundReceiptsContract("Prisma on PostgreSQL", stores.receipts);
  ticketLinksContract("Prisma on PostgreSQL", stores.links);
  directoryContract("Prisma on PostgreSQL", stores.directory);
  reportsContract("Prisma on PostgreSQL", stores.reports);
  invitationsContract("Prisma on PostgreSQL", stores.invitations);
  directoryListingContract("Prisma on PostgreSQL", stores.listing);
});
