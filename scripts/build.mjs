// `npm run build`: bundles the two production entries, the service (src/app/main.ts) and the CLI
// (src/app/cli/bin.ts), into dist/ with esbuild, from a clean folder. One file per entry rather than
// one per source module: Node resolving and loading some 400 ES modules one by one cost a CLI command
// about a third of a second. Code loaded on demand (`import()`) stays in chunks of its own, loaded
// only when asked for. Packages stay in node_modules, but for zod (below). `npm run start:prod` and
// `npm run cli:prod` then run dist/ with plain node. Types are checked by `npm run typecheck`, not here.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

// zod is some 100 ES modules that every command loads (each a file Node resolves, reads and links):
// bundled, it loads in half the time. Bundled with the one package that extends it, so that there is
// a single zod. Every other package stays in node_modules, where some find their WebAssembly or workers.
const BUNDLED = new Set(["zod", "@asteasolutions/zod-to-openapi"]);
const { dependencies } = JSON.parse(readFileSync("package.json", "utf8"));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Under Node, the Prisma runtime's exports map sends even an `import` to its CommonJS build, a 200 kB
// file that Node scans for its export names before every run (~0.15 s of a CLI command here). The
// package ships the same runtime as an ES module beside it; the bundle imports that one.
const prismaRuntimeAsEsm = {
  name: "prisma-runtime-esm",
  setup(build) {
    build.onResolve({ filter: /^@prisma\/client\/runtime\/client$/ }, () => ({
      path: "@prisma/client/runtime/client.mjs",
      external: true,
    }));
  },
};

// zod carries its error messages in some 50 languages, and every load of it parses them all (~15 ms of
// a CLI command). chamado writes its own messages and keeps zod's default, English: only that one is kept.
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, args.path), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), "en.js"))};`,
      resolveDir: dirname(args.path),
    }));
  },
};

// `--outdir DIR` (a folder inside the project, where its node_modules are found) is for the build's own test.
const { values } = parseArgs({ options: { outdir: { type: "string", default: "dist" } } });
rmSync(values.outdir, { recursive: true, force: true });
await build({
  entryPoints: ["src/app/main.ts", "src/app/cli/bin.ts"],
  outbase: "src",
  outdir: values.outdir,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external,
  plugins: [prismaRuntimeAsEsm, zodEnglishOnly],
  sourcemap: true,
  logLevel: "warning",
});
