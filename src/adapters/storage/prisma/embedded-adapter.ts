import { messages, PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

/**
 * pglite-prisma-adapter with two repairs the schema engine needs:
 * - its executeScript starts `exec` without awaiting it, so a failing migration would be
 *   recorded as applied and its error would surface as an unhandled rejection;
 * - its shadow database is a PGlite that is never closed (and keeps the process alive); ours is
 *   closed on dispose.
 * Transactions are left as they are: PGlite's transaction mutex already runs them one at
 * a time, and plain queries wait for it, so the single connection is never shared.
 */
export class EmbeddedAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "pglite";

  constructor(private readonly db: PGlite) {}

  connect(): Promise<SqlDriverAdapter> {
    return adapterFor(this.db, async () => {});
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await createMemoryPGlite();
    return adapterFor(shadow, () => shadow.close());
  }
}

let emptyCluster: Promise<File | Blob> | undefined;

/**
 * An empty in-memory PGlite. A new PGlite runs initdb, which takes seconds; restoring a dump
 * of an empty cluster made once per process takes a fraction of that.
 */
export async function createMemoryPGlite(): Promise<PGlite> {
  emptyCluster ??= PGlite.create().then(async (db) => {
    try {
      return await db.dumpDataDir("none");
    } finally {
      await db.close();
    }
  });
  return PGlite.create({ loadDataDir: await emptyCluster });
}

async function adapterFor(db: PGlite, onDispose: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPGlite(db).connect();
  const dispose = adapter.dispose.bind(adapter);
  return Object.assign(adapter, {
    async executeScript(script: string) {
      await db.exec(script).catch(asDriverError);
    },
    async dispose() {
      await dispose();
      await onDispose();
    },
  });
}

// Errors the engine recognises are reported with PostgreSQL's message; any other is only an id.
function asDriverError(error: unknown): never {
  if (!(error instanceof messages.DatabaseError)) throw error;
  throw new DriverAdapterError({
    kind: "postgres",
    code: error.code ?? "N/A",
    severity: error.severity ?? "N/A",
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}
