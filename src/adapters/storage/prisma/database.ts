import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../../../generated/prisma/client.js";
import {
  claimDataDir,
  claimedByLiveProcess,
  DataDirBusyError,
  type DataDirClaim,
  ENDPOINT_FILE,
} from "./embedded-endpoint.js";
import { listenEmbedded, SOCKET_PORT } from "./embedded-server.js";

// PGlite, its Prisma adapter and the migration engine (WebAssembly) load only in the process that
// opens the embedded database or migrates: a CLI command reaching the service needs none of them.
const embeddedAdapter = async (pglite: PGlite) =>
  new (await import("./embedded-adapter.js")).EmbeddedAdapterFactory(pglite);
const migrate: typeof import("./migrations.js").migrate = async (...args) =>
  (await import("./migrations.js")).migrate(...args);

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
  /**
   * False for the CLI and the terminal chat: with no service serving the directory and no database
   * in it yet, they refuse rather than quietly start an empty one (a DATA_DIR or working directory
   * other than the service's). `migrate` creates it.
   */
  createEmbedded?: boolean;
  logger?: DatabaseLogger;
}

/** No embedded database where one was expected, and none is to be created here. */
export class NoEmbeddedDatabaseError extends Error {
  override readonly name = "NoEmbeddedDatabaseError";
  /** The data directory searched, for a caller that words the refusal in its own language. */
  constructor(
    readonly dataDir: string,
    message: string,
  ) {
    super(message);
  }
}

type OwnedElsewhere = Extract<DataDirClaim, { owner: false }>;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const log = options.logger ?? { info: () => {} };
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.migrateOnStart, log);
  return openEmbedded(options.dataDir, options.serveEmbedded ?? false, options.createEmbedded ?? true, log);
}

async function openPostgres(url: string, migrateOnStart: boolean, log: DatabaseLogger): Promise<Database> {
  const where = new URL(url);
  log.info(`using PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname}`);
  if (migrateOnStart) logApplied(await migrate({ kind: "postgres", url }), log);
  return wrap("postgres", new PrismaPg({ connectionString: url }), async () => {});
}

async function openEmbedded(
  dataDir: string,
  serve: boolean,
  create: boolean,
  log: DatabaseLogger,
): Promise<Database> {
  if (
    !create &&
    !existsSync(join(dataDir, "pglite", "PG_VERSION")) &&
    !existsSync(join(dataDir, ENDPOINT_FILE))
  ) {
    throw new NoEmbeddedDatabaseError(
      dataDir,
      `no chamado database in ${dataDir} and no service serving one there. Start the service first (npm start), ` +
        "or point DATA_DIR at the service's data directory (relative paths start at the working directory), " +
        "or create an empty one here with: npm run --silent cli -- migrate",
    );
  }
  await mkdir(dataDir, { recursive: true });
  // Listening first lets the claim carry the address, so no client ever sees a claim without one.
  // A socket already there that a live owner holds means: be its client (the claim below says so).
  const server = serve
    ? await listenEmbedded(dataDir, async () => !(await claimedByLiveProcess(dataDir)))
    : undefined;
  const address = server && { socketDir: server.socketDir };
  const claim = await claimWaiting(dataDir, address, serve ? SERVICE_CLAIM_WAIT_MS : 0, log).catch(
    async (error: unknown) => {
      await server?.close();
      throw error;
    },
  );

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
  log.info(
    server
      ? `serving the embedded database in ${dataDir} on the Unix socket in ${server.socketDir}`
      : `using the embedded database in ${dataDir} directly (no service is running there)`,
  );
  return wrap("embedded", await embeddedAdapter(pglite), async () => {
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

/** How long the service waits for a CLI command that has the directory open to finish. */
const SERVICE_CLAIM_WAIT_MS = 60_000;

/**
 * Claims the directory; while a CLI command holds it for itself (it started before the service), the
 * service waits for it to finish rather than failing to start.
 */
async function claimWaiting(
  dataDir: string,
  address: { socketDir: string } | undefined,
  waitMs: number,
  log: DatabaseLogger,
): Promise<DataDirClaim> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      return await claimDataDir(dataDir, address);
    } catch (error) {
      if (!(error instanceof DataDirBusyError) || Date.now() >= deadline) throw error;
      if (!told) log.info(`${error.message}; waiting up to ${waitMs / 1000} s for it to finish`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * PostgreSQL inside PGlite lives in this process's WebAssembly memory, and the cluster's
 * postgresql.conf (initdb's) asks for PostgreSQL's default 128 MB of shared_buffers: that memory is
 * zeroed at start, so resident at once, and a WebAssembly memory never shrinks. Measured on the idle
 * service: PGlite's memory grew to 188 MB (152 MB resident) with the default, and stays at its
 * 128 MB minimum (29 MB resident) with 16 MB of buffers; the service's RSS fell from 427 to about
 * 330 MB. One backend serving one desk's tickets needs no more, and the operating system's page
 * cache still holds the files. Given at start rather than written to postgresql.conf, so directories
 * made by earlier releases get it too.
 */
export const EMBEDDED_SHARED_BUFFERS = "16MB";

async function openMigrated(dataDir: string, log: DatabaseLogger): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create({
    dataDir,
    // PGlite's own parameters are replaced, not added to, when startParams is given.
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
  });
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
