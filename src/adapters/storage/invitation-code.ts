import { createHash, randomInt } from "node:crypto";

/** What the stores keep of a code: its SHA-256, so a copy of the database opens nothing. */
export const codeHash = (code: string): string => createHash("sha256").update(code, "utf8").digest("hex");

/** `length` characters of `alphabet`, each drawn by the operating system's CSPRNG without bias. */
export const randomCode = (length: number, alphabet: string): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
