import { createHash, randomBytes } from "node:crypto";

const PREFIX = "chd_";

/** A new API secret: shown once at creation, never stored. */
export const generateApiSecret = (): string => `${PREFIX}${randomBytes(32).toString("base64url")}`;

/** What is stored and looked up: SHA-256, hex. The secret has 256 random bits, so no salt or slow hash is needed. */
export const hashApiSecret = (secret: string): string =>
  createHash("sha256").update(secret, "utf8").digest("hex");

/** Cheap shape check before touching the database. */
export const looksLikeApiSecret = (value: string): boolean => /^chd_[A-Za-z0-9_-]{43}$/.test(value);
