import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/adapters/storage/prisma/database.js";
import {
  createEmbeddedTestDatabase,
  createPgTestDatabase,
  type EmbeddedTestDatabase,
  type PgTestDatabase,
} from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

// Read-modify-write under a row lock: a lost update, a deadlock or two transactions sharing
// PGlite's one session shows up as a count below the number of transactions. Prisma's default
// maxWait (2 s) is about latency, not correctness: 200 transactions queued on one session or a
// 10-connection pool can exceed it on a loaded two-core machine, so the test allows more.
const QUEUED = { maxWait: 60_000, timeout: 60_000 };

async function incrementConcurrently(databases: Database[], times: number): Promise<number> {
  await databases[0]!.prisma.ticketCounter.upsert({
    where: { id: "counter" },
    create: { id: "counter", value: 0 },
    update: { value: 0 },
  });
  const results = await Promise.allSettled(
    Array.from({ length: times }, (_, i) =>
      databases[i % databases.length]!.prisma.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ value: number }[]>`
          SELECT value FROM ticket_counter WHERE id = 'counter' FOR UPDATE`;
        await tx.ticketCounter.update({ where: { id: "counter" }, data: { value: row!.value + 1 } });
      }, QUEUED),
    ),
  );
  expect(results.filter((result) => result.status === "rejected")).toEqual([]);
  const counter = await databases[0]!.prisma.ticketCounter.findUniqueOrThrow({ where: { id: "counter" } });
  return counter.value;
}

describe("200 concurrent interactive transactions", () => {
  describe("on embedded PGlite", () => {
    let service: EmbeddedTestDatabase;
    beforeAll(async () => {
      service = await createEmbeddedTestDatabase({ serveEmbedded: true });
    });
    afterAll(async () => {
      await service?.cleanup();
    });

    it("all commit in the owning process", async () => {
      expect(await incrementConcurrently([service.database], 200)).toBe(200);
    });

    it("all commit when split between the owner and a client of its endpoint", async () => {
      const cli = await openDatabase({ dataDir: service.dataDir, migrateOnStart: false });
      try {
        expect(await incrementConcurrently([service.database, cli], 200)).toBe(200);
      } finally {
        await cli.close();
      }
    });
  });

  describeWith({ pg: true }, "on PostgreSQL", () => {
    let server: PgTestDatabase | undefined;
    let database: Database | undefined;
    beforeAll(async () => {
      server = await createPgTestDatabase();
      if (server)
        database = await openDatabase({ databaseUrl: server.url, dataDir: "", migrateOnStart: false });
    });
    afterAll(async () => {
      await database?.close();
      await server?.drop();
    });

    it("all commit", async () => {
      expect(await incrementConcurrently([database!], 200)).toBe(200);
    });
  });
});
