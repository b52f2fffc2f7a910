import type { FastifyError, FastifyInstance } from "fastify";
import { isRetryLater } from "../../core/conversation/index.js";
import { isStorageUnavailable } from "../unavailable.js";
import { sendProblem } from "./problem.js";
import { RetryLaterError } from "./retry-later.js";

/** Fastify's client-error codes under the stable names our problem types use. */
const CLIENT_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "BODY_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "INVALID_CONTENT_LENGTH",
};

/** Seconds a platform or client should wait before retrying after a 503. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The one place unexpected errors are answered: storage outages 503 (so platforms redeliver),
 * framework client errors (413 body too large, 400 malformed body, 415 media type) with their
 * status, anything else 500 without details. All as problem+json.
 */
export const registerErrorHandlers = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isStorageUnavailable(error) || isRetryLater(error)) {
      request.log.warn({ err: error }, "a dependency is unavailable or busy; answering 503");
      reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, {
        status: 503,
        code: "STORAGE_UNAVAILABLE",
        detail: "Storage is unreachable; retry later.",
      });
    }
    if (error instanceof RetryLaterError) {
      request.log.info({ reason: error.message }, "busy elsewhere; answering 503");
      reply.header("retry-after", String(error.retryAfterSeconds));
      return sendProblem(reply, { status: 503, code: "BUSY", detail: "Deliver this again later." });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, status }, "client error");
      const code = CLIENT_CODES[error.code] ?? error.code;
      return sendProblem(reply, { status, ...(code ? { code } : {}), detail: error.message });
    }
    request.log.error({ err: error }, "unexpected error");
    return sendProblem(reply, { status: 500, detail: "Unexpected error; it has been logged." });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { status: 404, detail: `No route ${request.method} ${request.url.split("?")[0]}.` }),
  );
};
