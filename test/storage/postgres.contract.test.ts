import { describe, it } from "vitest";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { ticketStoreContract } from "../contracts/ticket-store.contract.js";
import { createPgTestDatabase, PG_SKIP_REASON, pgServerUrl } from "../support/pg-test-database.js";
import { prismaRepositories } from "./prisma-repositories.js";

if (pgServerUrl()) {
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
} else {
  describe("ticket store contract: Prisma on PostgreSQL", () => {
    it.skip(PG_SKIP_REASON, () => {});
  });
}
