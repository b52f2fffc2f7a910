import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The key sign-in links are signed with: WEB_SECRET when set (every instance must share it),
 * otherwise one made on first use and kept in DATA_DIR, so the CLI and the service agree on a
 * single machine without configuration.
 */
export const webSecretOf = (configured: string | undefined, dataDir: string): string => {
  if (configured) return configured;
  const file = join(dataDir, "web-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // wx: two processes starting at once must not overwrite each other's secret.
  try {
    writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  }
  return secret;
};
