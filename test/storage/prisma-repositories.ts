import type { Database } from "../../src/adapters/storage/prisma/database.js";
import { createPrismaDirectory } from "../../src/adapters/storage/prisma/directory.js";
import { createPrismaTicketRepository } from "../../src/adapters/storage/prisma/ticket-repository.js";
import type { Repositories } from "../support/core-harness.js";

/** The Prisma repositories over an open database, in the shape the contract suites take. */
export const prismaRepositories = (database: Database, close: () => Promise<void>): Repositories => ({
  tickets: createPrismaTicketRepository(database.prisma),
  directory: createPrismaDirectory(database.prisma),
  outbox: () =>
    database.prisma.outboxItem.findMany({ select: { key: true, payload: true }, orderBy: { id: "asc" } }),
  close,
});
