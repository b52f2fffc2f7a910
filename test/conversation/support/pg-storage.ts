import { createPrismaAbandonedFlowLog } from "../../../src/adapters/storage/prisma/abandoned-flow-repository.js";
import { openDatabase } from "../../../src/adapters/storage/prisma/database.js";
import { createPrismaDirectory } from "../../../src/adapters/storage/prisma/directory.js";
import { createPrismaOutbox } from "../../../src/adapters/storage/prisma/outbox-writer.js";
import { createPrismaParkedFiles } from "../../../src/adapters/storage/prisma/parked-files.js";
import { createPrismaTicketRepository } from "../../../src/adapters/storage/prisma/ticket-repository.js";
import { createPgTestDatabase } from "../../../testkit/pg-test-database.js";
import type { StorageParts } from "./engine-harness.js";

/** The Prisma repositories, abandoned-flow log and outbox on a throwaway PostgreSQL database. */
export const pgStorage = async (): Promise<StorageParts> => {
  const throwaway = await createPgTestDatabase();
  if (!throwaway) throw new Error("DATABASE_URL is not set");
  const database = await openDatabase({
    databaseUrl: throwaway.url,
    dataDir: "unused",
    migrateOnStart: false,
  });
  const { prisma } = database;
  return {
    tickets: createPrismaTicketRepository(prisma),
    directory: createPrismaDirectory(prisma),
    parked: (blobs) => createPrismaParkedFiles(prisma, blobs),
    abandoned: createPrismaAbandonedFlowLog(prisma),
    abandonedList: async () =>
      (await prisma.abandonedFlow.findMany({ orderBy: { id: "asc" } })).map(
        (a) => `${a.flow}/${a.step}/${a.reason}`,
      ),
    outbox: {
      port: createPrismaOutbox(prisma),
      kinds: async () => (await prisma.outboxItem.findMany({ orderBy: { id: "asc" } })).map((o) => o.kind),
    },
    async close() {
      await database.close();
      await throwaway.drop();
    },
  };
};
