import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, loadConfig } from "../src/app/config/index.js";

/** Configuration for a service under test: quiet, quick to poll and retry, on a fresh data dir. */
export const testEnv = async (env: Record<string, string | undefined>): Promise<Record<string, string>> => {
  // Under the run's scratch folder (test/support/global-setup.ts), removed when the run ends.
  const dataDir = await mkdtemp(join(process.env.CHAMADO_TEST_TMP ?? tmpdir(), "chamado-svc-"));
  const base: Record<string, string | undefined> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    HOST: "127.0.0.1",
    OUTBOX_POLL_INTERVAL_MS: "100",
    OUTBOX_RETRY_BASE_MS: "50",
    OUTBOX_RETRY_MAX_MS: "400",
    OUTBOX_SEND_TIMEOUT_MS: "1000",
    OUTBOX_LEASE_MS: "5000",
    TIMERS_INTERVAL_MS: "3600000",
    SHUTDOWN_TIMEOUT_MS: "10000",
    // Agent replies go out at once unless a test exercises the grace period itself.
    AGENT_REPLY_GRACE_SECONDS: "0",
    ...env,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
};

export const testConfig = async (env: Record<string, string | undefined>): Promise<Config> =>
  loadConfig(await testEnv(env));

export interface SpawnedService {
  readonly url: string;
  readonly child: ChildProcess;
  /** Every log line so far (JSON as printed). */
  readonly logs: string[];
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs an entry file (src/app/main.ts, or a test entry around startService) as its own Node
 * process with tsx, and resolves once it logs "service started". Logs must be JSON at info level
 * or below for that line to appear.
 */
export const spawnService = (
  entry: string,
  env: Record<string, string>,
  startTimeoutMs = 100_000,
  /** Node options before the entry, e.g. --cpu-prof for a profile of the service alone. */
  nodeArgs: readonly string[] = [],
): Promise<SpawnedService> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", entry], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const logs: string[] = [];
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.once("exit", (code, signal) => done({ code, signal })),
    );
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`service did not start within ${startTimeoutMs} ms:\n${logs.join("\n")}`));
    }, startTimeoutMs);
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) {
        logs.push(line);
        const parsed = (() => {
          try {
            return JSON.parse(line) as { msg?: string; url?: string };
          } catch {
            return {};
          }
        })();
        if (parsed.msg === "service started" && parsed.url) {
          clearTimeout(timer);
          resolve({ url: parsed.url, child, logs, exited });
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(`service exited before starting (code ${code}, signal ${signal}):\n${logs.join("\n")}`),
      );
    });
  });

/** Polls `check` until it returns true, for at most `timeoutMs`; the bound keeps a broken test from hanging. */
export const waitFor = async (
  check: () => Promise<boolean> | boolean,
  what: string,
  // Generous: a passing wait costs nothing extra, and a busy two-core machine must not fail it.
  timeoutMs = 90_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
