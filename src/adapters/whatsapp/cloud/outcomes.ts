import { permanentFailure, retryLater, type SendOutcome } from "../../../core/outbox/delivery.js";
import type { GraphApiError } from "./graph-api.js";

/** "Re-engagement message": more than 24 hours since the person last wrote; only a template goes through. */
export const REENGAGEMENT_REQUIRED = 131047;

/** Throughput, spam and per-recipient ("pair") rate limits. */
const RATE_LIMITED = new Set([4, 80007, 130429, 131048, 131056]);
/** Meta's own trouble: unknown, service unavailable, generic send error. */
const TRANSIENT = new Set([1, 2, 131000, 131016]);
/** Expired or revoked token, missing permission: an operator fixes the app and the queue resumes. */
const CREDENTIALS = new Set([0, 10, 190, 200]);
/** The number cannot receive WhatsApp messages (not on WhatsApp, blocked, unsupported client). */
const UNREACHABLE = new Set([131026, 131021, 131045]);

const RATE_LIMIT_PAUSE_MS = 10_000;

export const isUnreachableCode = (code: number): boolean => UNREACHABLE.has(code);

/** How a Graph API refusal ends a delivery attempt. */
export const outcomeOfGraphError = (error: GraphApiError): SendOutcome => {
  const code = error.code ?? -1;
  if (error.status === 429 || RATE_LIMITED.has(code))
    return retryLater(error.message, error.retryAfterMs ?? RATE_LIMIT_PAUSE_MS);
  if (error.status >= 500 || TRANSIENT.has(code))
    return retryLater(error.message, error.retryAfterMs ?? undefined);
  if (error.status === 401 || CREDENTIALS.has(code))
    return retryLater(`Meta refused the access token or its permissions: ${error.message}`);
  return permanentFailure(error.message, UNREACHABLE.has(code));
};
