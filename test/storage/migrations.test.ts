import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDED_SHARED_BUFFERS, openDatabase } from "../../src/adapters/storage/prisma/database.js";
import {
  createMemoryPGlite,
  EmbeddedAdapterFactory,
} from "../../src/adapters/storage/prisma/embedded-adapter.js";
import { ENDPOINT_FILE } from "../../src/adapters/storage/prisma/embedded-endpoint.js";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "../../src/adapters/storage/prisma/migration-files.js";
import { migrate } from "../../src/adapters/storage/prisma/migrations.js";
import { openSchemaEngine, type SchemaEngine } from "../../src/adapters/storage/prisma/schema-engine.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

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

/** Inodes of this process's sockets that listen on TCP (state 0A in /proc/net/tcp{,6}). */
const listeningTcpPortsOf = async (pid: number): Promise<number[]> => {
  const fds = await readdir(`/proc/${pid}/fd`);
  const inodes = new Set<string>();
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) inodes.add(inode);
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const lines = (await readFile(table, "utf8").catch(() => "")).split("\n").slice(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === "0A" && inodes.has(cols[9] ?? ""))
        ports.push(Number.parseInt(cols[1]!.split(":")[1]!, 16));
    }
  }
  return ports;
};

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
      expect(endpoint).toEqual({
        pid: process.pid,
        socketDir: join(dataDir, "run"),
        claim: expect.any(String),
      });
      // Only this user may connect: an owner-only folder and socket, and no TCP port at all.
      expect((await stat(join(dataDir, "run"))).mode & 0o777).toBe(0o700);
      expect((await stat(join(dataDir, "run", ".s.PGSQL.5432"))).mode & 0o777).toBe(0o600);
      expect(await listeningTcpPortsOf(process.pid)).toEqual([]);
      await service.prisma.ticketCounter.create({ data: { id: "from-service", value: 1 } });
      // The buffers are part of the service's resident memory (see EMBEDDED_SHARED_BUFFERS).
      const [buffers] = await service.prisma.$queryRaw<{ shared_buffers: string }[]>`SHOW shared_buffers`;
      expect(buffers?.shared_buffers).toBe(EMBEDDED_SHARED_BUFFERS);

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
    ["a dead process", { pid: 2 ** 30, socketDir: "/nonexistent", claim: "gone" }],
    ["an earlier process that had this pid", { pid: process.pid, claim: "earlier-incarnation" }],
  ])("replaces a claim left by %s and opens the directory itself", async (_, stale) => {
    await writeFile(join(dataDir, ENDPOINT_FILE), JSON.stringify(stale));
    const database = await openDatabase({ dataDir, migrateOnStart: false });
    try {
      // Its own row, so the case holds whichever test ran before it.
      const id = `stale-${stale.claim}`;
      await database.prisma.ticketCounter.upsert({
        where: { id },
        create: { id, value: 7 },
        update: { value: 7 },
      });
      expect(await database.prisma.ticketCounter.findUnique({ where: { id } })).toMatchObject({ value: 7 });
    } finally {
      await database.close();
    }
  });

  it("lets the service wait for a CLI command that has the directory open, then serve it", async () => {
    const cli = await openDatabase({ dataDir, migrateOnStart: false });
    let served = false;
    const starting = openDatabase({ dataDir, migrateOnStart: false, serveEmbedded: true }).then((db) => {
      served = true;
      return db;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(served).toBe(false);
    await cli.close();
    const service = await starting;
    try {
      expect(await service.prisma.ticketCounter.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await service.close();
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

/** The committed migrations up to and including `last`, in a folder of their own. */
const migrationsUpTo = async (last: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), "chamado-migrations-"));
  for (const name of (await committed()).filter((n) => n <= last))
    await cp(join(MIGRATIONS_DIR, name), join(dir, name), { recursive: true });
  await cp(join(MIGRATIONS_DIR, "migration_lock.toml"), join(dir, "migration_lock.toml"));
  return dir;
};

/** Rows as the release before ticket links wrote them, for the migration to move. */
const OLD_ROWS = `
  INSERT INTO organization (id, name, key) VALUES ('00000000-0000-4000-8000-000000000001', 'Acme', 'acme');
  INSERT INTO person (id, name, organization_id) VALUES
    ('00000000-0000-4000-8000-000000000002', 'Ana', '00000000-0000-4000-8000-000000000001');
  INSERT INTO contact (id, channel, platform_user_id, display_name, person_id) VALUES
    ('00000000-0000-4000-8000-000000000003', 'SLACK', 'U1', 'Ana', '00000000-0000-4000-8000-000000000002');
  INSERT INTO ticket (id, number, subject, department, priority, type, status, channel, requester_contact_id,
    requester_person_id, organization_id, created_at, updated_at, status_changed_at, agent_thread_ref)
  VALUES ('00000000-0000-4000-8000-000000000004', 1, 'Printer', 'technical', 'HIGH', 'incident', 'NEW', 'SLACK',
    '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002',
    '00000000-0000-4000-8000-000000000001', now(), now(), now(),
    'agents=C0AGENTS/1700000000.000100;dm=D0ANA/1700000000.000200');
  INSERT INTO inbound_receipt (key, received_at) VALUES ('slack:event:Ev1', now()), ('whatsapp:msg:wamid.1', now());
  INSERT INTO inbound_receipt (key, received_at, lease_until) VALUES ('telegram:1:update:5', now(), now());
  INSERT INTO outbox_item (key, channel, kind, scope, payload, state, available_at, created_at, last_error)
  VALUES ('held', 'WHATSAPP', 'agent_reply', 'contact:x', '{"contactId":"x"}', 'PENDING', now(), now(),
      'whatsapp-window: outside the 24-hour window'),
    ('refused', 'WHATSAPP', 'agent_reply', 'contact:y',
      '{"contactId":"y","whatsappFailure":{"code":131026,"title":"Undeliverable","unreachable":true}}',
      'PENDING', now(), now(), NULL);
`;

const MOVED = {
  links: [
    { role: "AGENTS_ROOT", conversation: "C0AGENTS", message: "1700000000.000100" },
    { role: "REQUESTER_THREAD", conversation: "D0ANA", message: "1700000000.000200" },
  ],
  receipts: [
    { key: "slack:event:Ev1", done: true },
    { key: "telegram:1:update:5", done: false },
    { key: "whatsapp:msg:wamid.1", done: true },
  ],
  outbox: [
    { key: "held", state: "HELD", refusal: null, payload: { contactId: "x" } },
    {
      key: "refused",
      state: "PENDING",
      refusal: { code: 131026, title: "Undeliverable", unreachable: true },
      payload: { contactId: "y" },
    },
  ],
};

const MOVED_QUERIES = {
  links: "SELECT role::text, conversation, message FROM ticket_link ORDER BY role",
  receipts:
    "SELECT key, done_at IS NOT NULL AS done FROM inbound_receipt WHERE expires_at > received_at ORDER BY key",
  outbox: "SELECT key, state::text, refusal, payload FROM outbox_item ORDER BY key",
};

describe("migrating data written by the release before ticket links", () => {
  it("moves Slack refs into links, gives receipts their expiry and held items their state (PGlite)", async () => {
    const before = await migrationsUpTo("20261122051523_sla_counts_index");
    const pglite = await createMemoryPGlite();
    try {
      await migrate({ kind: "embedded", pglite }, before);
      await pglite.exec(OLD_ROWS);
      await migrate({ kind: "embedded", pglite });
      for (const [part, query] of Object.entries(MOVED_QUERIES))
        expect((await pglite.query(query)).rows, part).toEqual(MOVED[part as keyof typeof MOVED]);
    } finally {
      await pglite.close();
      await rm(before, { recursive: true, force: true });
    }
  });
});

describeWith({ pg: true }, "migrating data on PostgreSQL", () => {
  it("moves the same rows through PostgreSQL's migration engine", async () => {
    const before = await migrationsUpTo("20261122051523_sla_counts_index");
    const database = await createPgTestDatabase({ migrated: false });
    const client = new pg.Client({ connectionString: database!.url });
    try {
      await migrate({ kind: "postgres", url: database!.url }, before);
      await client.connect();
      await client.query(OLD_ROWS);
      await migrate({ kind: "postgres", url: database!.url });
      for (const [part, query] of Object.entries(MOVED_QUERIES))
        expect((await client.query(query)).rows, part).toEqual(MOVED[part as keyof typeof MOVED]);
    } finally {
      await client.end();
      await database?.drop();
      await rm(before, { recursive: true, force: true });
    }
  });
});
