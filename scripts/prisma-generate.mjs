// postinstall: `prisma generate`, which works offline.
// Prisma resolves its schema engine binary even for generate, which does not run it, and
// downloads the binary when it is missing. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file (this Node binary) skips that download; a value set by the caller is kept.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
};
const { status, error } = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
if (error) throw error;
process.exit(status ?? 1);
