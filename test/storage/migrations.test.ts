import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import {
  createMemoryPGlite,
  EmbeddedAdapterFactory,
} from "../../src/adapters/storage/prisma/embedded-adapter.js";
import { ENDPOINT_FILE } from "../../src/adapters/storage/prisma/embedded-endpoint.js";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "../../src/adapters/storage/prisma/migration-files.js";
import { migrate } from "../../src/adapters/storage/prisma/migrations.js";
import { openSchemaEngine, type SchemaEngine } from "../../src/adapters/storage/prisma/schema-engine.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { createPgTestDatabase, type PgTestDatabase } from "../support/pg-test-database.js";

const committed = async () =>
  (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("drift between prisma/schema.prisma and prisma/migrations", () => {
  let pglite: PGlite;
  let engine: SchemaEngine;
  let scratch: string;

  beforeAll(async () => {
    pglite = await createMemoryPGlite();
    engine = await openSchemaEngine(new EmbeddedAdapterFactory(pglite));
    scratch = await mkdtemp(join(tmpdir(), "chamado-drift-"));
  });
  afterAll(async () => {
    engine?.close();
    await pglite?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("is none: every schema change has its migration", async () => {
    const diff = await engine.diff(
      { kind: "migrations", dir: MIGRATIONS_DIR },
      { kind: "schema", path: SCHEMA_PATH },
    );
    expect(diff.empty, `run \`npm run db:migration -- <name>\`; missing SQL:\n${diff.script}`).toBe(true);
  });

  it("is caught when the schema gains a field without a migration", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const changed = schema.replace(
      /model Ticket \{\n/,
      'model Ticket {\n  driftProbe String? @map("drift_probe")\n',
    );
    expect(changed).not.toBe(schema);
    const path = join(scratch, "schema.prisma");
    await writeFile(path, changed);

    const diff = await engine.diff({ kind: "migrations", dir: MIGRATIONS_DIR }, { kind: "schema", path });

    expect(diff.empty).toBe(false);
    expect(diff.script).toContain('ADD COLUMN     "drift_probe" TEXT');
  });
});

describe("migrations on embedded PGlite", () => {
  it("apply every committed migration, and a second run applies none", async () => {
    const pglite = await createMemoryPGlite();
    try {
      expect(await migrate({ kind: "embedded", pglite })).toEqual(await committed());
      expect(await migrate({ kind: "embedded", pglite })).toEqual([]);
      const { rows } = await pglite.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      );
      expect(rows[0]?.n).toBe((await committed()).length);
    } finally {
      await pglite.close();
    }
  });
});

describeWith({ pg: true }, "migrations on PostgreSQL", () => {
  let database: PgTestDatabase | undefined;
  beforeAll(async () => {
    database = await createPgTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("apply once when two processes start at once, and a later run applies none", async () => {
    const url = database!.url;

    const [first, second] = await Promise.all([
      migrate({ kind: "postgres", url }),
      migrate({ kind: "postgres", url }),
    ]);

    expect([first, second]).toContainEqual(await committed());
    expect([first, second]).toContainEqual([]);
    expect(await migrate({ kind: "postgres", url })).toEqual([]);
  });
});

describe("embedded endpoint", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "chamado-endpoint-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  // Creates the on-disk cluster (initdb), which takes many seconds on a busy two-core machine.
  it("lets a second openDatabase reach the data the serving one has open", { timeout: 120_000 }, async () => {
    const service = await openDatabase({ dataDir, migrateOnStart: false, serveEmbedded: true });
    try {
      const endpoint = JSON.parse(await readFile(join(dataDir, ENDPOINT_FILE), "utf8"));
      expect(endpoint).toMatchObject({ pid: process.pid, host: "127.0.0.1", port: expect.any(Number) });
      await service.prisma.ticketCounter.create({ data: { id: "from-service", value: 1 } });

      const cli = await openDatabase({ dataDir, migrateOnStart: false });
      try {
        expect(cli.kind).toBe("embedded");
        expect(await cli.prisma.ticketCounter.findUnique({ where: { id: "from-service" } })).toMatchObject({
          value: 1,
        });
        await cli.prisma.ticketCounter.create({ data: { id: "from-cli", value: 2 } });
        expect(await service.prisma.ticketCounter.findUnique({ where: { id: "from-cli" } })).toMatchObject({
          value: 2,
        });
      } finally {
        await cli.close();
      }
    } finally {
      await service.close();
    }
    expect(existsSync(join(dataDir, ENDPOINT_FILE))).toBe(false);
  });

  it.each([
    ["a dead process", { pid: 2 ** 30, host: "127.0.0.1", port: 9, claim: "gone" }],
    ["an earlier process that had this pid", { pid: process.pid, claim: "earlier-incarnation" }],
  ])("replaces a claim left by %s and opens the directory itself", async (_, stale) => {
    await writeFile(join(dataDir, ENDPOINT_FILE), JSON.stringify(stale));
    const database = await openDatabase({ dataDir, migrateOnStart: false });
    try {
      expect(await database.prisma.ticketCounter.count()).toBe(2);
    } finally {
      await database.close();
    }
  });

  it("refuses a second process while the owner does not serve the directory", async () => {
    const owner = await openDatabase({ dataDir, migrateOnStart: false });
    try {
      await expect(openDatabase({ dataDir, migrateOnStart: false })).rejects.toThrow(/does not serve it/);
    } finally {
      await owner.close();
    }
  });
});
