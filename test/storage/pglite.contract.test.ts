import { ticketStoreContract } from "../contracts/ticket-store.contract.js";
import { createEmbeddedTestDatabase } from "../support/pg-test-database.js";
import { prismaRepositories } from "./prisma-repositories.js";

ticketStoreContract("Prisma on embedded PGlite", async () => {
  const embedded = await createEmbeddedTestDatabase();
  return prismaRepositories(embedded.database, embedded.cleanup);
});
