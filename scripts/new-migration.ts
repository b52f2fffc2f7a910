// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the
// committed migrations to prisma/schema.prisma, as `prisma migrate dev --create-only` would,
// but offline: the engine is Prisma's wasm build and the shadow database an in-memory PGlite.
import { relative } from "node:path";
import {
  createMemoryPGlite,
  EmbeddedAdapterFactory,
} from "../src/adapters/storage/prisma/embedded-adapter.js";
import {
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  writeMigration,
} from "../src/adapters/storage/prisma/migration-files.js";
import { openSchemaEngine } from "../src/adapters/storage/prisma/schema-engine.js";

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_+|_+$/g, "");
if (!name) {
  process.stderr.write("usage: npm run db:migration -- <name>\n");
  process.exit(2);
}

// The diff never touches this database; the engine only needs one to start.
const pglite = await createMemoryPGlite();
const engine = await openSchemaEngine(new EmbeddedAdapterFactory(pglite));
try {
  const diff = await engine.diff(
    { kind: "migrations", dir: MIGRATIONS_DIR },
    { kind: "schema", path: SCHEMA_PATH },
  );
  if (diff.empty) {
    process.stdout.write("no changes\n");
  } else {
    const folder = await writeMigration(MIGRATIONS_DIR, name, diff.script);
    process.stdout.write(`wrote ${relative(process.cwd(), folder)}/migration.sql\n`);
  }
} finally {
  engine.close();
  await pglite.close();
}
