import { createHmac, timingSafeEqual } from "node:crypto";

/** X-Hub-Signature-256 as Meta computes it: HMAC-SHA256 of the exact body bytes with the app secret. */
export const signatureOf = (body: Uint8Array, appSecret: string): string =>
  `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;

/** Constant-time check of the header against the raw body; a missing or malformed header fails. */
export const hasValidSignature = (
  body: Uint8Array | undefined,
  header: unknown,
  appSecret: string,
): boolean => {
  if (!body || typeof header !== "string" || !/^sha256=[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signatureOf(body, appSecret));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** Meta's verification handshake: answers the challenge only to a subscribe request carrying our token. */
export const verificationChallenge = (query: Record<string, unknown>, verifyToken: string): string | null => {
  const mode = query["hub.mode"];
  const token = query["hub.verify_token"];
  const challenge = query["hub.challenge"];
  if (mode !== "subscribe" || typeof token !== "string" || typeof challenge !== "string") return null;
  const a = Buffer.from(token);
  const b = Buffer.from(verifyToken);
  return a.length === b.length && timingSafeEqual(a, b) ? challenge : null;
};
