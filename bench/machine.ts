import { cpus, totalmem } from "node:os";
import { Redis } from "ioredis";
import pg from "pg";

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly postgres: string;
  readonly redis: string;
}

const postgresVersion = async (url: string): Promise<string> => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    return rows[0]?.version ?? "unknown";
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
};

const redisVersion = async (url: string): Promise<string> => {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    await redis.connect();
    const info = await redis.info("server");
    return /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
};

/** What the figures were measured on, printed and stored with them so runs can be compared fairly. */
export const describeMachine = async (databaseUrl: string, redisUrl: string): Promise<Machine> => ({
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  postgres: await postgresVersion(databaseUrl),
  redis: await redisVersion(redisUrl),
});
