// `npm run build`: compiles src/ to JavaScript in dist/ (tsconfig.build.json), from a clean folder so
// that no file of a deleted module is left behind. `npm run start:prod` then runs dist/ with plain node.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
rmSync("dist", { recursive: true, force: true });
const tsc = require.resolve("typescript/bin/tsc");
const { status, error } = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
  stdio: "inherit",
});
if (error) throw error;
process.exit(status ?? 1);
