import { DependencyUnavailableError } from "../core/ports/unavailable.js";

/** Prisma: cannot reach, timed out, connection closed, pool exhausted. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** @prisma/driver-adapter-utils error kinds that mean the connection, not the query, failed. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);
/** Socket errors, and PostgreSQL SQLSTATEs of shutdown, start-up and connection failures. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTCONN",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
/**
 * ioredis with the offline queue off or its retries spent; pg (under Prisma's adapter) when the server
 * drops a connection under a query rather than refusing a new one.
 */
const CONNECTION_MESSAGES =
  /Stream isn't writeable|Connection is closed|max retries per request|connect ECONNREFUSED|Connection terminated|not queryable|timeout exceeded when trying to connect|Can't reach database server/i;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  kind?: unknown;
}

const matches = (error: ErrorLike): boolean =>
  error instanceof DependencyUnavailableError ||
  error.name === "PrismaClientInitializationError" ||
  error.name === "MaxRetriesPerRequestError" ||
  (typeof error.code === "string" && (PRISMA_CODES.has(error.code) || CONNECTION_CODES.has(error.code))) ||
  ADAPTER_KINDS.has(String(error.meta?.driverAdapterError?.cause?.kind)) ||
  ADAPTER_KINDS.has(String(error.kind)) ||
  (typeof error.message === "string" && CONNECTION_MESSAGES.test(error.message));

/** True when the error (or one of its causes) says storage is unreachable rather than the request being wrong. */
export const isStorageUnavailable = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === "object"; depth++) {
    if (matches(current as ErrorLike)) return true;
    current = (current as ErrorLike).cause;
  }
  return false;
};

/**
 * The same port, its connection failures turned into DependencyUnavailableError: the one error the
 * core and the HTTP edge recognise as "retry later", thrown here, where the client library is known.
 * Wraps each function of the object; results and other errors pass through unchanged.
 */
export const guardUnavailable = <T extends object>(port: T, dependency: string): T => {
  const guarded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(port)) {
    guarded[name] =
      typeof value === "function"
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => unknown).apply(port, args);
            } catch (error) {
              throw isStorageUnavailable(error) && !(error instanceof DependencyUnavailableError)
                ? new DependencyUnavailableError(dependency, { cause: error })
                : error;
            }
          }
        : value;
  }
  return guarded as T;
};
