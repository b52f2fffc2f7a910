import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's folder (the repository, or /app in the image): the nearest folder above this module
 * holding a package.json. Found by walking up rather than by a fixed "../../..", because this code
 * runs from src/ (tsx, tests) as well as bundled into dist/, where a module's depth is not its source's.
 */
const findProjectRoot = (): string => {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${start} or any folder above it`);
  }
};

export const PROJECT_ROOT = findProjectRoot();
