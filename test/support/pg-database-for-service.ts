import { randomBytes } from "node:crypto";
import { describe } from "vitest";
import { type Database, openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createPgTestDatabase, pgServerUrl } from "../../testkit/pg-test-database.js";

/**
 * Real PostgreSQL and Redis for the service's tests, on top of pg-test-database.ts. Without
 * DATABASE_URL / REDIS_URL a suite is skipped with its reason printed, except under CI, where a
 * missing server is a failure.
 */
/** Read when a suite asks, so a file needing only one server never fails for lack of the other. */
export const redisUrl = (): string | undefined => {
  const value = process.env.REDIS_URL;
  if (value) return value;
  if (process.env.CI) throw new Error("REDIS_URL is not set: CI must run the Redis tests, not skip them");
  return undefined;
};

/**
 * `describe` for a suite that needs real servers. Without them, on a developer's machine, its real
 * tests are reported as skipped and the suite's name says which variable is missing; under CI the
 * missing variable is an error (pgServerUrl / redisUrl throw), so nothing is ever skipped there.
 */
export const describeWith = (
  needs: { pg?: boolean; redis?: boolean },
  name: string,
  suite: () => void,
): void => {
  const missing = [
    needs.pg && !pgServerUrl() ? "DATABASE_URL" : null,
    needs.redis && !redisUrl() ? "REDIS_URL" : null,
  ].filter(Boolean);
  const title = missing.length === 0 ? name : `${name} (skipped: ${missing.join(" and ")} not set)`;
  describe.skipIf(missing.length > 0)(title, suite);
};

export interface ThrowawayDatabase {
  readonly url: string;
  /** Opened on the migrated database; closed by drop(). */
  readonly db: Database;
  drop(): Promise<void>;
}

/** A fresh migrated database on the shared server, opened with our openDatabase, dropped afterwards. */
export const createThrowawayDatabase = async (): Promise<ThrowawayDatabase> => {
  const created = await createPgTestDatabase();
  if (!created) throw new Error("DATABASE_URL is not set");
  const db = await openDatabase({ databaseUrl: created.url, dataDir: "/nonexistent", migrateOnStart: false });
  return {
    url: created.url,
    db,
    async drop() {
      await db.close();
      await created.drop();
    },
  };
};

/** A database URL with its host and port replaced (to route it through a TCP proxy). */
export const viaAddress = (databaseUrl: string, address: string): string => {
  const url = new URL(databaseUrl);
  url.host = address;
  return url.toString();
};

export const uniquePrefix = (label: string): string =>
  `chamado-test:${label}:${randomBytes(4).toString("hex")}:`;
