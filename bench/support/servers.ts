import { randomUUID } from "node:crypto";
import pg from "pg";
import { migrate } from "../../src/adapters/storage/prisma/migrations.js";

/** The servers the benchmark runs against: the shared ones by default, as in development. */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const onServer = async (url: string, sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** A migrated throwaway database on the server at `serverUrl`, so runs never touch real data. */
export const createBenchDatabase = async (serverUrl: string): Promise<BenchDatabase> => {
  const name = `chamado_bench_${randomUUID().replaceAll("-", "")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
  await migrate({ kind: "postgres", url: database.url }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return database;
};

/** Runs `work` on a fresh database and drops it afterwards, whatever happens. */
export const withBenchDatabase = async <T>(
  serverUrl: string,
  work: (database: BenchDatabase) => Promise<T>,
): Promise<T> => {
  const database = await createBenchDatabase(serverUrl);
  try {
    return await work(database);
  } finally {
    await database.drop();
  }
};
