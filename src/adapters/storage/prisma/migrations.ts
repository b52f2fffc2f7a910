import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { EmbeddedAdapterFactory } from "./embedded-adapter.js";
import { MIGRATIONS_DIR } from "./migration-files.js";
import { openSchemaEngine } from "./schema-engine.js";

export type MigrationTarget = { kind: "embedded"; pglite: PGlite } | { kind: "postgres"; url: string };

/**
 * Applies pending migrations exactly as `prisma migrate deploy` does (same engine code, same
 * `_prisma_migrations` rows), and returns the names applied. Running it again is a no-op.
 *
 * Concurrent starts are serialised by the engine itself: before reading `_prisma_migrations` it
 * takes `pg_advisory_lock(72707369)`, the key `prisma migrate deploy` uses too, and never
 * releases it. So on PostgreSQL the engine gets a one-connection pool: every statement runs in
 * the session holding the lock, and ending the pool releases it for the next process.
 */
export async function migrate(database: MigrationTarget, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const pool =
    database.kind === "postgres" ? new pg.Pool({ connectionString: database.url, max: 1 }) : undefined;
  const factory =
    database.kind === "embedded" ? new EmbeddedAdapterFactory(database.pglite) : new PrismaPg(pool!);
  try {
    const engine = await openSchemaEngine(factory);
    try {
      return await engine.applyMigrations(migrationsDir);
    } finally {
      engine.close();
    }
  } finally {
    await pool?.end();
  }
}
