// prestart/pretest: install dependencies only when they are missing or the lockfile changed since
// the last install here, and generate the Prisma client only when it is missing. A restart then
// costs nothing; `npm ci`/`npm install` run by hand keep working as usual.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { installNeeded, STAMP } from "./install-state.mjs";

const lock = existsSync("package-lock.json") ? readFileSync("package-lock.json") : undefined;
const lockHash = lock ? createHash("sha256").update(lock).digest("hex") : undefined;
const read = (file) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

const reason = installNeeded({
  lockHash,
  stamp: read(STAMP),
  lock: lock?.toString("utf8"),
  hiddenLock: read("node_modules/.package-lock.json"),
});

const run = (args) => {
  const { status, error } = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", args, {
    stdio: "inherit",
  });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
};

if (reason) {
  console.error(`chamado: installing dependencies (${reason})`);
  run(["install", "--no-audit", "--no-fund"]);
} else if (!existsSync("src/generated/prisma/client.ts")) {
  run(["run", "--silent", "db:generate"]);
}
if (lockHash && existsSync("node_modules")) writeFileSync(STAMP, lockHash);
