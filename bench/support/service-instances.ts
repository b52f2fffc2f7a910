import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { type SpawnedService, spawnService, testEnv } from "../../testkit/spawn-service.js";

const ENTRY = join(import.meta.dirname, "../../testkit/service-entry.ts");
/** A graceful stop gets this long before it becomes a SIGKILL. */
const STOP_GRACE_MS = 20_000;

export interface InstanceOptions {
  /** Environment shared by every instance: DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, channels. */
  readonly env: Record<string, string>;
  /** Node options for the service process, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]. */
  readonly nodeArgs?: readonly string[];
  readonly startTimeoutMs?: number;
}

export interface ServiceInstance {
  readonly name: string;
  readonly url: string;
  /** The process running the service (`node --import tsx` keeps it in one process). */
  readonly pid: number;
  readonly alive: () => boolean;
  /** Log lines so far, as the service printed them. */
  readonly logs: readonly string[];
  /** Resident set size of the service process in bytes, null once it has exited. */
  rss(): Promise<number | null>;
  /** Sends `signal` and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM (the graceful stop, SIGKILL after a grace period), then its data directory is removed. */
  stop(): Promise<void>;
}

/** VmRSS of a live process, from /proc (Linux). */
export const rssOf = async (pid: number): Promise<number | null> => {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => null);
  const kb = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return kb ? Number(kb[1]) * 1024 : null;
};

const wrap = (name: string, spawned: SpawnedService, dataDir: string): ServiceInstance => {
  const { child } = spawned;
  let exited = false;
  void spawned.exited.then(() => {
    exited = true;
  });
  const kill = async (signal: NodeJS.Signals) => {
    if (!exited) child.kill(signal);
    await spawned.exited;
  };
  return {
    name,
    url: spawned.url,
    pid: child.pid!,
    alive: () => !exited,
    logs: spawned.logs,
    rss: () => (exited ? Promise.resolve(null) : rssOf(child.pid!)),
    kill,
    async stop() {
      const force = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      try {
        await kill("SIGTERM");
      } finally {
        clearTimeout(force);
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
};

/** One service process on the shared environment, with a data directory of its own. */
export const startInstance = async (name: string, options: InstanceOptions): Promise<ServiceInstance> => {
  const env = await testEnv({ LOG_LEVEL: "warn", INSTANCE_ID: name, ...options.env });
  try {
    const spawned = await spawnService(ENTRY, env, options.startTimeoutMs, options.nodeArgs ?? []);
    return wrap(name, spawned, env.DATA_DIR!);
  } catch (error) {
    await rm(env.DATA_DIR!, { recursive: true, force: true });
    throw error;
  }
};

/**
 * `count` service processes on one DATABASE_URL and one Redis prefix, started side by side and
 * named `<label>-1`, `<label>-2`…; if one fails to start, those that did are stopped.
 */
export const startInstances = async (
  label: string,
  count: number,
  options: InstanceOptions,
): Promise<ServiceInstance[]> => {
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) => startInstance(`${label}-${i + 1}`, options)),
  );
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  const running = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  if (failed) {
    await Promise.all(running.map((r) => r.stop()));
    throw failed.reason;
  }
  return running;
};
