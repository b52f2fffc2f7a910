// `npm run build`: bundles the two production entries, the service (src/app/main.ts) and the CLI
// (src/app/cli/bin.ts), into dist/ with esbuild, from a clean folder. One file per entry rather than
// one per source module: Node resolving and loading some 400 ES modules one by one cost a CLI command
// about a third of a second. Code loaded on demand (`import()`) stays in chunks of its own, loaded
// only when asked for. Packages stay in node_modules, but for zod (below). `npm run start:prod` and
// `npm run cli:prod` then run dist/ with plain node. Types are checked by `npm run typecheck`, not here.
import { readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

// zod is some 100 ES modules that every command loads (each a file Node resolves, reads and links):
// bundled, it loads in half the time. Bundled with the one package that extends it, so that there is
// a single zod. Every other package stays in node_modules, where some find their WebAssembly or workers.
const BUNDLED = new Set(["zod", "@asteasolutions/zod-to-openapi"]);
const { dependencies } = JSON.parse(readFileSync("package.json", "utf8"));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

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
  external,
  sourcemap: true,
  logLevel: "warning",
});
