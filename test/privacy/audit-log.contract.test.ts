import { createMemoryAuditTrail } from "../../src/adapters/storage/memory/audit-log.js";
import { createPrismaAuditTrail } from "../../src/adapters/storage/prisma/audit-log.js";
import type { Database } from "../../src/adapters/storage/prisma/database.js";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createEmbeddedTestDatabase, createPgTestDatabase } from "../../testkit/pg-test-database.js";
import { auditLogContract } from "../contracts/audit-log.contract.js";
import { describeWith } from "../support/pg-database-for-service.js";

const onDatabase = (database: Database, close: () => Promise<void>) => ({
  audit: createPrismaAuditTrail(database.prisma),
  close,
  update: () => database.prisma.auditEntry.updateMany({ data: { actorName: "someone else" } }),
});

auditLogContract("memory", async () => ({ audit: createMemoryAuditTrail(), close: async () => {} }));

auditLogContract("Prisma on embedded PGlite", async () => {
  const embedded = await createEmbeddedTestDatabase();
  return onDatabase(embedded.database, embedded.cleanup);
});

describeWith({ pg: true }, "PostgreSQL", () => {
  auditLogContract("Prisma on PostgreSQL", async () => {
    const throwaway = (await createPgTestDatabase())!;
    const database = await openDatabase({
      databaseUrl: throwaway.url,
      dataDir: "unused",
      migrateOnStart: false,
    });
    return onDatabase(database, async () => {
      await database.close();
      await throwaway.drop();
    });
  });
});
