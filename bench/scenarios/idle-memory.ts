import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { benchPrefix, deleteKeys } from "../support/redis-keys.js";
import { withBenchDatabase } from "../support/servers.js";

const ROOT = join(import.meta.dirname, "../..");
const ENTRY = "dist/app/main.js";
const MB = 1024 * 1024;
/** Issue 19's targets for the idle service. */
const TARGET_MB = { postgres: 150, embedded: 400 } as const;
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 20_000;

/**
 * The Node options of the production start, read from package.json's `start:prod`
 * (`node <options> dist/app/main.js`), so the figures are those of the command the README gives.
 */
const productionNodeArgs = (): string[] => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const words = (pkg.scripts["start:prod"] ?? "").split(/\s+/).filter(Boolean);
  const entry = words.indexOf(ENTRY);
  if (words[0] !== "node" || entry < 0) throw new Error(`start:prod is not "node [options] ${ENTRY}"`);
  return words.slice(1, entry);
};

const newestMtime = async (dir: string): Promise<number> => {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
};

/** `npm run build` when dist/ is missing or older than any source file. */
const ensureBuilt = async (ctx: ScenarioContext): Promise<void> => {
  const built = (() => {
    try {
      return statSync(join(ROOT, ENTRY)).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built > (await newestMtime(join(ROOT, "src")))) return;
  ctx.progress("idle-memory: building dist/ (npm run build)");
  const { status } = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
  if (status !== 0) throw new Error(`npm run build failed (exit ${status})`);
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

/** VmRSS (now) and VmHWM (the peak since the process started) of a live process, in bytes. */
const residentOf = async (pid: number): Promise<{ rss: number; peak: number }> => {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") * 1024, peak: kb("VmHWM") * 1024 };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitHealthy = async (url: string, child: ChildProcess, log: () => string): Promise<number> => {
  const started = Date.now();
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${log()}`);
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`no /healthz answer within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
};

const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const force = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  child.kill("SIGTERM");
  await exited;
  clearTimeout(force);
};

interface IdleFigures {
  readonly startMs: number;
  readonly rssMB: number;
  readonly peakMB: number;
}

/**
 * Starts the built service as production does (plain node, start:prod's options, no test hooks and
 * no channel configured), waits for /healthz and then `idleMs` of doing nothing but its own timers.
 */
const measureIdle = async (env: Record<string, string>, idleMs: number): Promise<IdleFigures> => {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [...productionNodeArgs(), ENTRY], {
    cwd: ROOT,
    // Only what a deployment would set: nothing of the bench's own environment leaks in.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  try {
    const startMs = await waitHealthy(`http://127.0.0.1:${port}`, child, () => output.join("").slice(-4000));
    await sleep(idleMs);
    const { rss, peak } = await residentOf(child.pid!);
    return { startMs, rssMB: rss / MB, peakMB: peak / MB };
  } finally {
    await stopProcess(child);
  }
};

const rows = (database: keyof typeof TARGET_MB, idleS: number, figures: IdleFigures): Measurement[] => {
  const size = `${database}, ${idleS} s idle`;
  const target = TARGET_MB[database];
  return [
    {
      scenario: "idle-memory",
      size,
      metric: "RSS idle",
      unit: "MB",
      figure: figures.rssMB,
      target: { text: `< ${target} MB`, holds: figures.rssMB < target },
    },
    {
      scenario: "idle-memory",
      size,
      metric: "RSS peak (start included)",
      unit: "MB",
      figure: figures.peakMB,
    },
    { scenario: "idle-memory", size, metric: "start to /healthz", unit: "ms", figure: figures.startMs },
  ];
};

export const idleMemory: Scenario = {
  name: "idle-memory",
  describe: "RSS of the built service (start:prod) idle on PostgreSQL + Redis and on the embedded database",
  async run(ctx) {
    await ensureBuilt(ctx);
    const idleS = ctx.quick ? 15 : 30;
    const measurements: Measurement[] = [];

    ctx.progress(`idle-memory: PostgreSQL + Redis, ${idleS} s idle`);
    const prefix = benchPrefix("idle");
    // Files and the console's secret go to DATA_DIR even on PostgreSQL: never the repository's ./data.
    const filesDir = await mkdtemp(join(tmpdir(), "chamado-idle-"));
    try {
      const figures = await withBenchDatabase(ctx.databaseUrl, (db) =>
        measureIdle(
          {
            DATABASE_URL: db.url,
            DATABASE_MIGRATE_ON_START: "false",
            REDIS_URL: ctx.redisUrl,
            REDIS_KEY_PREFIX: prefix,
            DATA_DIR: filesDir,
          },
          idleS * 1000,
        ),
      );
      measurements.push(...rows("postgres", idleS, figures));
    } finally {
      await deleteKeys(ctx.redisUrl, prefix);
      await rm(filesDir, { recursive: true, force: true });
    }

    ctx.progress(`idle-memory: embedded database in a new DATA_DIR, ${idleS} s idle`);
    // Short: the embedded database's Unix socket path must stay under 108 bytes.
    const dataDir = await mkdtemp(join(tmpdir(), "chamado-idle-"));
    try {
      measurements.push(...rows("embedded", idleS, await measureIdle({ DATA_DIR: dataDir }, idleS * 1000)));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    return measurements;
  },
};
