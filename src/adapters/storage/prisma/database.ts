import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../../generated/prisma/client.js";
import { EmbeddedAdapterFactory } from "./embedded-adapter.js";
import { claimDataDir, claimedByLiveProcess, type DataDirClaim } from "./embedded-endpoint.js";
import { listenEmbedded, SOCKET_PORT } from "./embedded-server.js";
import { migrate } from "./migrations.js";

export interface Database {
  prisma: PrismaClient;
  kind: "embedded" | "postgres";
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseLogger {
  info(message: string): void;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL; without it the database is an embedded PGlite in `<dataDir>/pglite`. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL only: an embedded database is always migrated by the process that opens its directory. */
  migrateOnStart: boolean;
  /**
   * For the long-running service: while it has the embedded database open, other processes
   * (the CLI) reach it through an owner-only Unix socket in `<dataDir>/run` instead of being locked out.
   */
  serveEmbedded?: boolean;
  logger?: DatabaseLogger;
}

type OwnedElsewhere = Extract<DataDirClaim, { owner: false }>;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const log = options.logger ?? { info: () => {} };
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.migrateOnStart, log);
  return openEmbedded(options.dataDir, options.serveEmbedded ?? false, log);
}

async function openPostgres(url: string, migrateOnStart: boolean, log: DatabaseLogger): Promise<Database> {
  if (migrateOnStart) logApplied(await migrate({ kind: "postgres", url }), log);
  return wrap("postgres", new PrismaPg({ connectionString: url }), async () => {});
}

async function openEmbedded(dataDir: string, serve: boolean, log: DatabaseLogger): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  // Listening first lets the claim carry the address, so no client ever sees a claim without one.
  // A socket already there that a live owner holds means: be its client (the claim below says so).
  const server = serve
    ? await listenEmbedded(dataDir, async () => !(await claimedByLiveProcess(dataDir)))
    : undefined;
  const address = server && { socketDir: server.socketDir };
  const claim = await claimDataDir(dataDir, address).catch(async (error: unknown) => {
    await server?.close();
    throw error;
  });

  if (!claim.owner) {
    await server?.close();
    return connectToOwner(dataDir, claim, log);
  }

  const pglite = await openMigrated(join(dataDir, "pglite"), log).catch(async (error: unknown) => {
    await server?.close();
    await claim.release();
    throw error;
  });
  server?.attach(pglite);
  if (server)
    log.info(`serving the embedded database in ${dataDir} on the Unix socket in ${server.socketDir}`);
  return wrap("embedded", new EmbeddedAdapterFactory(pglite), async () => {
    await server?.close();
    await pglite.close();
    await claim.release();
  });
}

/** A client of the process that owns the directory and serves it (see embedded-server.ts). */
async function connectToOwner(
  dataDir: string,
  claim: OwnedElsewhere,
  log: DatabaseLogger,
): Promise<Database> {
  const { pid, socketDir } = claim.endpoint;
  const database = wrap(
    "embedded",
    new PrismaPg({ host: socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres" }),
    async () => {},
  );
  await database.ping().catch(async (error: unknown) => {
    await database.close();
    throw new Error(
      `the embedded database in ${dataDir} is served by process ${pid} on the socket in ${socketDir}, which does not answer; ` +
        `if no service runs there, delete ${claim.file}`,
      { cause: error },
    );
  });
  log.info(`using the embedded database in ${dataDir}, served by process ${pid}`);
  return database;
}

async function openMigrated(dataDir: string, log: DatabaseLogger): Promise<PGlite> {
  const pglite = await PGlite.create({ dataDir });
  try {
    logApplied(await migrate({ kind: "embedded", pglite }), log);
    return pglite;
  } catch (error) {
    await pglite.close();
    throw error;
  }
}

function wrap(
  kind: Database["kind"],
  adapter: SqlDriverAdapterFactory,
  closeAfterClient: () => Promise<void>,
): Database {
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind,
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    async close() {
      await prisma.$disconnect();
      await closeAfterClient();
    },
  };
}

function logApplied(names: string[], log: DatabaseLogger): void {
  if (names.length > 0) log.info(`applied migrations: ${names.join(", ")}`);
}
