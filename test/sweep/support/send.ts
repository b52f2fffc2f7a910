import { expect } from "vitest";

export interface SweepRequest {
  readonly method: string;
  /** Path and query, as sent on the request line. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
}

/** A hung handler fails the property instead of the whole file timing out. */
const REQUEST_TIMEOUT_MS = 15_000;

const describeRequest = (request: SweepRequest): string => {
  const body = request.body ? Buffer.from(request.body) : undefined;
  const shown =
    body && body.length > 300
      ? `${body.subarray(0, 300).toString("utf8")}… (${body.length} bytes)`
      : body?.toString("utf8");
  return `${request.method} ${request.path} ${JSON.stringify(request.headers ?? {})} ${shown ?? ""}`;
};

/**
 * Sends one request and checks the sweep's promise: an answer (no reset, no hang) that is a 4xx or
 * a handled 2xx/3xx, never a 5xx. The database is up throughout, so 503 is a failure too.
 */
export const sendAndCheck = async (baseUrl: string, request: SweepRequest): Promise<number> => {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body ? { body: request.body } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
  } catch (error) {
    throw new Error(
      `no answer (${String(error)}; cause ${String((error as Error).cause)}) to ${describeRequest(request)}`,
    );
  }
  expect(response.status, describeRequest(request)).toBeLessThan(500);
  return response.status;
};

export const expectStillHealthy = async (baseUrl: string): Promise<void> => {
  const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  expect(response.status).toBe(200);
};
