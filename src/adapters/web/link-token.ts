import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Whom a sign-in link is for: an agent or admin (from Slack or the CLI), or a supplier (from chat). */
export type LinkSubject =
  | {
      readonly kind: "agent";
      readonly slackUser: string | null;
      readonly name: string;
      readonly admin: boolean;
    }
  | { readonly kind: "supplier"; readonly contactId: string };

export interface LinkClaims {
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly exp: number;
  readonly sub: LinkSubject;
}

const claims = z.object({
  id: z.string().min(1).max(64),
  exp: z.number().int(),
  sub: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("agent"),
      slackUser: z.string().max(40).nullable(),
      name: z.string().max(200),
      admin: z.boolean(),
    }),
    z.object({ kind: z.literal("supplier"), contactId: z.string().min(1).max(64) }),
  ]),
});

const mac = (secret: string, body: string) =>
  createHmac("sha256", secret).update(`chamado-web-link:${body}`).digest("base64url");

/**
 * Sign-in links are signed, not stored: the CLI can make one without reaching the running
 * service. The service spends each link id once (WebSessions.spendLink), so a link works once.
 */
export const signLink = (secret: string, sub: LinkSubject, expiresAt: Date): string => {
  const body = Buffer.from(
    JSON.stringify({ id: randomUUID(), exp: expiresAt.getTime(), sub } satisfies LinkClaims),
  ).toString("base64url");
  return `${body}.${mac(secret, body)}`;
};

export type LinkCheck =
  | { readonly ok: true; readonly claims: LinkClaims }
  | { readonly ok: false; readonly reason: "malformed" | "forged" | "expired" };

export const verifyLink = (secret: string, token: string, now: Date): LinkCheck => {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined || token.length > 2000)
    return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "forged" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = claims.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.exp <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: parsed.data };
};
