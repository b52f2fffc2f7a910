import type { FastifyReply, FastifyRequest } from "fastify";

/** Raised (or recognised) when PostgreSQL or Redis cannot be reached; answered 503 so platforms retry. */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
  constructor(cause: unknown) {
    super("storage is unreachable", { cause });
  }
}

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
/** ioredis with the offline queue off or its retries spent. */
const REDIS_MESSAGES =
  /Stream isn't writeable|Connection is closed|max retries per request|connect ECONNREFUSED/i;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  kind?: unknown;
}

const matches = (error: ErrorLike): boolean =>
  error instanceof StorageUnavailableError ||
  error.name === "PrismaClientInitializationError" ||
  error.name === "MaxRetriesPerRequestError" ||
  (typeof error.code === "string" && (PRISMA_CODES.has(error.code) || CONNECTION_CODES.has(error.code))) ||
  ADAPTER_KINDS.has(String(error.meta?.driverAdapterError?.cause?.kind)) ||
  ADAPTER_KINDS.has(String(error.kind)) ||
  (typeof error.message === "string" && REDIS_MESSAGES.test(error.message));

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
 * Wraps an inbound handler so a storage outage becomes StorageUnavailableError, which the server
 * answers 503 with Retry-After: the platform delivers the event again once storage is back, and
 * since every handler writes in one transaction or not at all, nothing is half-done meanwhile.
 */
export const storageGuard =
  <Q extends FastifyRequest, P extends FastifyReply>(handler: (request: Q, reply: P) => Promise<unknown>) =>
  async (request: Q, reply: P): Promise<unknown> => {
    try {
      return await handler(request, reply);
    } catch (error) {
      throw isStorageUnavailable(error) ? new StorageUnavailableError(error) : error;
    }
  };
