import { createThrowawayDatabaseOn, type PgTestDatabase } from "../../testkit/pg-test-database.js";

/** The servers the benchmark runs against: the shared ones by default, as in development. */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export type BenchDatabase = PgTestDatabase;

/** A migrated throwaway database on the server at `serverUrl`, so runs never touch real data. */
export const createBenchDatabase = (serverUrl: string): Promise<BenchDatabase> =>
  createThrowawayDatabaseOn(serverUrl, "chamado_bench_", true);

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
