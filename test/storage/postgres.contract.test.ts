import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { ticketStoreContract } from "../contracts/ticket-store.contract.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { createPgTestDatabase } from "../support/pg-test-database.js";
import { prismaRepositories } from "./prisma-repositories.js";

describeWith({ pg: true }, "PostgreSQL", () => {
  ticketStoreContract("Prisma on PostgreSQL", async () => {
    const throwaway = (await createPgTestDatabase())!;
    const database = await openDatabase({
      databaseUrl: throwaway.url,
      dataDir: "unused",
      migrateOnStart: false,
    });
    return prismaRepositories(database, async () => {
      await database.close();
      await throwaway.drop();
    });
  });
});
