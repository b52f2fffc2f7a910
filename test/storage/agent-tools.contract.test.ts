import { createMemoryStorage } from "../../src/adapters/storage/memory/storage.js";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { prismaStorage } from "../../src/adapters/storage/prisma/storage.js";
import { createEmbeddedTestDatabase, createPgTestDatabase } from "../../testkit/pg-test-database.js";
import { savedRepliesContract } from "../contracts/saved-replies.contract.js";
import { ticketTagsContract } from "../contracts/ticket-tags.contract.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { prismaRepositories } from "./prisma-repositories.js";

/** The agents' tools' storage (issue 17) on memory, the embedded PGlite and PostgreSQL. */
savedRepliesContract("in memory", async () => ({
  replies: createMemoryStorage().savedReplies,
  close: async () => {},
}));

ticketTagsContract("in memory", async () => {
  const storage = createMemoryStorage();
  return {
    tickets: storage.tickets,
    directory: storage.directory,
    outbox: async () => [],
    close: async () => {},
  };
});

ticketTagsContract("Prisma on embedded PGlite", async () => {
  const embedded = await createEmbeddedTestDatabase();
  return prismaRepositories(embedded.database, embedded.cleanup);
});

savedRepliesContract("Prisma on embedded PGlite", async () => {
  const embedded = await createEmbeddedTestDatabase();
  return { replies: prismaStorage(embedded.database).savedReplies, close: embedded.cleanup };
});

const postgres = async () => {
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

describeWith({ pg: true }, "PostgreSQL", () => {
  ticketTagsContract("Prisma on PostgreSQL", async () => {
    const { database, close } = await postgres();
    return prismaRepositories(database, close);
  });
  savedRepliesContract("Prisma on PostgreSQL", async () => {
    const throwaway = (await createPgTestDatabase())!;
    const database = await openDatabase({
      databaseUrl: throwaway.url,
      dataDir: "unused",
      migrateOnStart: false,
    });
    return {
      replies: prismaStorage(database).savedReplies,
      async close() {
        await database.close();
        await throwaway.drop();
      },
    };
  });
});
