import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Measurement, Scenario, ScenarioContext } from "../scenario.js";
import { percentile } from "../stats.js";
import { seedTickets } from "../support/seed-tickets.js";
import { withBenchDatabase } from "../support/servers.js";

const ROOT = join(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/app/cli/bin.js");
const SERVICE = join(ROOT, "dist/app/main.js");
const TARGET_MS = 500;
/** GNU time reports a child's peak RSS; without it the scenario reports times only. */
const GNU_TIME = "/usr/bin/time";
const COMMANDS: readonly (readonly string[])[] = [["list"], ["show", "TKT-000001"]];
/** Tickets on the embedded database, opened through the running service with the CLI's own `create`. */
const EMBEDDED_TICKETS = 12;

/** The newest modification time under `path` (a file or a folder, walked). */
const newest = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
};

/** `npm run build` when dist/ is missing or older than what it is built from: what is measured is the source's. */
const ensureBuilt = async (ctx: ScenarioContext): Promise<void> => {
  const sources = ["src", "scripts/build.mjs", "package-lock.json"].map((p) => newest(join(ROOT, p)));
  if (existsSync(CLI) && existsSync(SERVICE) && newest(CLI) >= Math.max(...sources)) return;
  ctx.progress("cli: dist/ is missing or stale, running npm run build");
  const code = await exitOf(
    spawn(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "inherit" }),
  );
  if (code !== 0) throw new Error(`npm run build failed (exit ${code})`);
};

const exitOf = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve(code));
  });

interface Run {
  readonly ms: number;
  /** Peak resident set size in bytes, null without GNU time. */
  readonly rss: number | null;
}

/**
 * One CLI command as a person runs it: a fresh `node dist/app/cli/bin.js`, timed from spawn to exit.
 * The environment is the given one only (no .env: the working directory is an empty folder).
 */
const runCli = async (args: readonly string[], env: Record<string, string>, cwd: string): Promise<Run> => {
  const rssFile = join(cwd, "rss");
  const withTime = existsSync(GNU_TIME);
  const [command, argv] = withTime
    ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]];
  const started = performance.now();
  const child = spawn(command, argv, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const code = await exitOf(child);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`cli ${args.join(" ")} exited ${code}: ${stderr.trim()}`);
  const kb = withTime
    ? Number.parseInt((await readFile(rssFile, "utf8")).trim().split("\n").pop()!, 10)
    : NaN;
  return { ms, rss: Number.isFinite(kb) ? kb * 1024 : null };
};

const measureCommands = async (
  ctx: ScenarioContext,
  where: string,
  env: Record<string, string>,
  cwd: string,
  times: number,
): Promise<Measurement[]> => {
  const out: Measurement[] = [];
  for (const args of COMMANDS) {
    const label = args.join(" ");
    ctx.progress(`cli: ${label} on ${where}, ${times} runs`);
    await runCli(args, env, cwd); // The first run reads the files from disk; the others are what a person sees.
    const runs: Run[] = [];
    for (let i = 0; i < times; i++) runs.push(await runCli(args, env, cwd));
    const ms = runs.map((r) => r.ms);
    const p95 = percentile(ms, 95);
    const size = `${where}, ${times} runs`;
    const metric = `\`${label}\``;
    out.push(
      { scenario: "cli", size, metric: `${metric} p50`, unit: "ms", figure: percentile(ms, 50) },
      {
        scenario: "cli",
        size,
        metric: `${metric} p95`,
        unit: "ms",
        figure: p95,
        target: { text: `< ${TARGET_MS} ms`, holds: p95 < TARGET_MS },
      },
    );
    const rss = runs.flatMap((r) => (r.rss === null ? [] : [r.rss]));
    if (rss.length > 0)
      out.push({
        scenario: "cli",
        size,
        metric: `${metric} max RSS`,
        unit: "MiB",
        figure: Math.max(...rss) / 2 ** 20,
      });
  }
  return out;
};

/** The CLI's environment: only what it needs, in English, with no Redis (a read publishes nothing). */
const cliEnv = (extra: Record<string, string>): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  DEFAULT_LANGUAGE: "en",
  LOG_LEVEL: "warn",
  ...extra,
});

const onPostgres = (ctx: ScenarioContext, tickets: number, times: number, cwd: string) =>
  withBenchDatabase(ctx.databaseUrl, async (db) => {
    ctx.progress(`cli: seeding ${tickets} tickets on PostgreSQL`);
    await seedTickets(db.url, tickets, ctx.progress);
    const env = cliEnv({ DATABASE_URL: db.url, DATA_DIR: join(cwd, "data") });
    return measureCommands(ctx, `PostgreSQL, ${tickets} tickets`, env, cwd, times);
  });

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });

/** `node dist/app/main.js` on a fresh embedded database, resolved once it logs that it started. */
const startService = async (env: Record<string, string>, cwd: string): Promise<ChildProcess> => {
  const child = spawn(process.execPath, [SERVICE], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const logs: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`service did not start in 120 s:\n${logs.join("")}`)),
      120_000,
    );
    const onData = (chunk: Buffer) => {
      logs.push(chunk.toString("utf8"));
      if (logs.join("").includes('"msg":"service started"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited (${code}) before starting:\n${logs.join("")}`));
    });
  });
  return child;
};

const stopService = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitOf(child);
  child.kill("SIGTERM");
  const force = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited.finally(() => clearTimeout(force));
};

const onEmbedded = async (ctx: ScenarioContext, times: number, cwd: string): Promise<Measurement[]> => {
  const dataDir = join(cwd, "embedded");
  const env = cliEnv({ DATA_DIR: dataDir });
  ctx.progress("cli: starting node dist/app/main.js on an embedded database");
  const service = await startService(
    { ...env, LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: String(await freePort()) },
    cwd,
  );
  try {
    ctx.progress(`cli: opening ${EMBEDDED_TICKETS} tickets through the service`);
    for (let i = 1; i <= EMBEDDED_TICKETS; i++) {
      await runCli(
        [
          "create",
          ...["--subject", `Printer ${i} stopped`, "--department", "technical", "--priority", "high"],
          ...["--type", "incident", "--message", `It has not printed since yesterday (${i})`],
        ],
        env,
        cwd,
      );
    }
    return await measureCommands(
      ctx,
      `embedded database served by the running service, ${EMBEDDED_TICKETS} tickets`,
      env,
      cwd,
      times,
    );
  } finally {
    await stopService(service);
  }
};

export const cliSpeed: Scenario = {
  name: "cli",
  describe:
    "a CLI command (`list`, `show`) from the production build, on PostgreSQL and through a running embedded service",
  async run(ctx) {
    await ensureBuilt(ctx);
    const times = ctx.quick ? 5 : 20;
    const tickets = ctx.quick ? 1_000 : 10_000;
    const cwd = await mkdtemp(join(tmpdir(), "chamado-bench-cli-"));
    try {
      return [...(await onPostgres(ctx, tickets, times, cwd)), ...(await onEmbedded(ctx, times, cwd))];
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  },
};
