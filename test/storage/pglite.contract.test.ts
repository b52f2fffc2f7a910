import { createEmbeddedTestDatabase } from "../../testkit/pg-test-database.js";
import { directoryContract } from "../contracts/directory.contract.js";
import { directoryListingContract } from "../contracts/directory-listing.contract.js";
import { inboundReceiptsContract } from "../contracts/inbound-receipts.contract.js";
import { invitationsContract } from "../contracts/invitations.contract.js";
import { outboxQueueContract } from "../contracts/outbox-queue.contract.js";
import { reportsContract } from "../contracts/reports.contract.js";
import { ticketLinksContract } from "../contracts/ticket-links.contract.js";
import { ticketStoreContract } from "../contracts/ticket-store.contract.js";
import { prismaRepositories } from "./prisma-repositories.js";
import { prismaContractStores } from "./prisma-storage.js";

const open = async () => {
  const embedded = await createEmbeddedTestDatabase();
  return { database: embedded.database, close: embedded.cleanup };
};
const stores = prismaContractStores(open);

ticketStoreContract("Prisma on embedded PGlite", async () => {
  const { database, close } = await open();
  return prismaRepositories(database, close);
});
outboxQueueContract("Prisma on embedded PGlite", stores.outbox);
inboundReceiptsContract("Prisma on embedded PGlite", stores.receipts);
ticketLinksContract("Prisma on embedded PGlite", stores.links);
directoryContract("Prisma on embedded PGlite", stores.directory);
reportsContract("Prisma on embedded PGlite", stores.reports);
invitationsContract("Prisma on embedded PGlite", stores.invitations);
directoryListingContract("Prisma on embedded PGlite", stores.listing);
