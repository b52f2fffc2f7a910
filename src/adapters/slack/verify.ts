import { createHmac, timingSafeEqual } from "node:crypto";
import { err, ok, type Result } from "../../core/shared/result.js";

/** Slack signs each request with a timestamp; older requests are refused so a captured one cannot be replayed. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export type SignatureProblem = "MISSING_HEADERS" | "STALE_TIMESTAMP" | "BAD_SIGNATURE";

export interface SignedRequest {
  readonly signingSecret: string;
  /** X-Slack-Request-Timestamp, in seconds. */
  readonly timestamp: string | undefined;
  /** X-Slack-Signature: "v0=" and the hex HMAC-SHA256 of "v0:<timestamp>:<raw body>". */
  readonly signature: string | undefined;
  readonly rawBody: Buffer;
  readonly now: Date;
}

export const signatureOf = (signingSecret: string, timestamp: string, rawBody: Buffer | string): string =>
  `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest("hex")}`;

/** Checks Slack's v0 signature over the exact bytes received, in constant time. */
export const verifySlackSignature = (request: SignedRequest): Result<void, SignatureProblem> => {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return err("MISSING_HEADERS");
  const age = Math.abs(request.now.getTime() / 1000 - Number(timestamp));
  if (age > SIGNATURE_WINDOW_SECONDS) return err("STALE_TIMESTAMP");
  const expected = Buffer.from(signatureOf(request.signingSecret, timestamp, request.rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? ok(undefined)
    : err("BAD_SIGNATURE");
};
