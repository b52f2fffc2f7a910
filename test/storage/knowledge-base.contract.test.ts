import { createMemoryKnowledgeBase } from "../../src/adapters/storage/memory/knowledge-base.js";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createPrismaKnowledgeBase } from "../../src/adapters/storage/prisma/knowledge-base.js";
import { createEmbeddedTestDatabase, createPgTestDatabase } from "../../testkit/pg-test-database.js";
import { knowledgeBaseContract } from "../contracts/knowledge-base.contract.js";
import { describeWith } from "../support/pg-database-for-service.js";

knowledgeBaseContract("in memory", async () => ({ kb: createMemoryKnowledgeBase(), close: async () => {} }));

knowledgeBaseContract("Prisma on embedded PGlite", async () => {
  const embedded = await createEmbeddedTestDatabase();
  return { kb: createPrismaKnowledgeBase(embedded.database.prisma), close: embedded.cleanup };
});

describeWith({ pg: true }, "PostgreSQL", () => {
  knowledgeBaseContract("Prisma on PostgreSQL", async () => {
    const throwaway = (await createPgTestDatabase())!;
    const database = await openDatabase({
      databaseUrl: throwaway.url,
      dataDir: "unused",
      migrateOnStart: false,
    });
    return {
      kb: createPrismaKnowledgeBase(database.prisma),
      async close() {
        await database.close();
        await throwaway.drop();
      },
    };
  });
});
