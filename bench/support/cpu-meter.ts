import { readdir, readFile } from "node:fs/promises";
import { Redis } from "ioredis";

/** Clock ticks per second of /proc's utime and stime (USER_HZ), 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** CPU (user + system) a process has used so far, in ms; null once it is gone. */
const processCpuMs = async (pid: number): Promise<{ comm: string; ms: number } | null> => {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (!stat) return null;
  // The command name sits in parentheses and may itself hold spaces; fields count from after it.
  const close = stat.lastIndexOf(")");
  const comm = stat.slice(stat.indexOf("(") + 1, close);
  const fields = stat.slice(close + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { comm, ms: (ticks * 1000) / TICKS_PER_SECOND };
};

/** CPU of every PostgreSQL server process on this machine (backends, WAL writer, checkpointer…). */
const postgresCpuMs = async (): Promise<Map<number, number>> => {
  const out = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = await processCpuMs(Number(entry));
    if (cpu?.comm === "postgres") out.set(Number(entry), cpu.ms);
  }
  return out;
};

const redisCpuMs = async (redis: Redis): Promise<number> => {
  const info = await redis.info("cpu");
  const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
  return (seconds("used_cpu_user") + seconds("used_cpu_sys")) * 1000;
};

const benchCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

export interface CpuSpent {
  /** The service processes, together. */
  readonly service: number;
  readonly postgres: number;
  readonly redis: number;
  /** This process: the load generator and the fake platform APIs. */
  readonly bench: number;
}

/**
 * Where the machine's CPU went during a measured span, by party, read from /proc and Redis INFO.
 * The PostgreSQL server is shared, so its figure includes anything else it did meanwhile; on an
 * otherwise idle machine that is the run's own work. Backends that exit during the span lose
 * what they spent, so the PostgreSQL figure is a lower bound.
 */
export const startCpuMeter = async (redisUrl: string, servicePids: readonly number[]) => {
  const redis = new Redis(redisUrl);
  const serviceMs = async () => {
    let total = 0;
    for (const pid of servicePids) total += (await processCpuMs(pid))?.ms ?? 0;
    return total;
  };
  const start = {
    service: await serviceMs(),
    postgres: await postgresCpuMs(),
    redis: await redisCpuMs(redis),
    bench: benchCpuMs(),
  };
  return {
    async stop(): Promise<CpuSpent> {
      try {
        const postgres = await postgresCpuMs();
        let postgresMs = 0;
        for (const [pid, ms] of postgres) postgresMs += ms - (start.postgres.get(pid) ?? 0);
        return {
          service: (await serviceMs()) - start.service,
          postgres: postgresMs,
          redis: (await redisCpuMs(redis)) - start.redis,
          bench: benchCpuMs() - start.bench,
        };
      } finally {
        redis.disconnect();
      }
    },
  };
};
