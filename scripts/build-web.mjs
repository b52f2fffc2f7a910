// Builds the web console (web/ → web/dist) and leaves a .gz beside each script and style sheet,
// which the service sends to browsers that take gzip. With --if-stale it builds only when
// web/dist is missing or older than a source file, so `npm start` stays quick.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../web", import.meta.url));
const dist = join(root, "dist");

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    return Math.max(latest, time);
  }, 0);

const stale = () => {
  const index = join(dist, "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return Math.max(newest(join(root, "src")), statSync(join(root, "index.html")).mtimeMs) > built;
};

if (process.argv.includes("--if-stale") && !stale()) process.exit(0);

// Always React's production build, even when started from a test run (vitest sets NODE_ENV=test).
process.env.NODE_ENV = "production";
const { build } = await import("vite");
await build({ configFile: join(root, "vite.config.ts"), logLevel: "warn", mode: "production" });
for (const name of readdirSync(join(dist, "assets"))) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const path = join(dist, "assets", name);
  writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
}
console.warn(`web console built in ${dist}`);
