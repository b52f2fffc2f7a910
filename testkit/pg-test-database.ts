import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, openDatabase } from "../src/adapters/storage/prisma/database.js";
import { migrate } from "../src/adapters/storage/prisma/migrations.js";

/**
 * The PostgreSQL server tests create their databases on. Undefined means "skip", which only a
 * developer's machine may do: in CI a missing DATABASE_URL is an error, not a silent skip.
 */
export function pgServerUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  if (process.env.CI)
    throw new Error("DATABASE_URL is not set: CI must run the PostgreSQL tests, not skip them");
  return undefined;
}

export interface PgTestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A throwaway database on the DATABASE_URL server, migrated unless asked not to; undefined when skipping. */
export async function createPgTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<PgTestDatabase | undefined> {
  const server = pgServerUrl();
  if (!server) return undefined;
  return createThrowawayDatabaseOn(server, "chamado_test_", options.migrated ?? true);
}

/** A database named `<prefix><random>` on the server at `server`, migrated when asked. */
export async function createThrowawayDatabaseOn(
  server: string,
  prefix: string,
  migrated: boolean,
): Promise<PgTestDatabase> {
  const name = `${prefix}${randomUUID().replaceAll("-", "")}`;
  await onServer(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = {
    url: url.toString(),
    // FORCE: a test that failed half-way may have left connections open.
    drop: () => onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
  if (migrated) {
    await migrate({ kind: "postgres", url: database.url }).catch(async (error: unknown) => {
      await database.drop();
      throw error;
    });
  }
  return database;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface EmbeddedTestDatabase {
  database: Database;
  dataDir: string;
  /** Closes the database and deletes its directory. */
  cleanup(): Promise<void>;
}

/** A migrated embedded database in a new temporary directory, opened the way the app opens it. */
export async function createEmbeddedTestDatabase(
  options: { serveEmbedded?: boolean } = {},
): Promise<EmbeddedTestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), "chamado-test-"));
  const database = await openDatabase({ dataDir, migrateOnStart: true, ...options }).catch(
    async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
  return {
    database,
    dataDir,
    async cleanup() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
