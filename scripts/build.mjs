// `npm run build`: bundles the two production entries, the service (src/app/main.ts) and the CLI
// (src/app/cli/bin.ts), into dist/ with esbuild, from a clean folder. One file per entry rather than
// one per source module: Node resolving and loading some 400 ES modules one by one cost a CLI command
// about a third of a second. Code loaded on demand (`import()`) stays in chunks of its own, loaded
// only when asked for; the packages in node_modules stay outside (their own files, some with
// WebAssembly beside them). `npm run start:prod` and `npm run cli:prod` then run dist/ with plain node.
// Types are checked by `npm run typecheck`, not here.
import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/app/main.ts", "src/app/cli/bin.ts"],
  outbase: "src",
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
