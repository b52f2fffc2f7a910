import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { FileInput } from "../../core/ticket/commands.js";

export type ReadFiles =
  | { readonly ok: true; readonly files: FileInput[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads files named at the terminal. A missing path is the developer's typo and is reported here; a file
 * over the size limit is still sent with its real size cut to one byte past the limit, so the engine
 * refuses it in the person's language without this process loading a huge file.
 */
export const readConsoleFiles = async (paths: readonly string[], maxBytes: number): Promise<ReadFiles> => {
  if (paths.length === 0) return { ok: false, problem: "usage: /file PATH [PATH...] [-- caption]" };
  const files: FileInput[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return { ok: false, problem: `not a readable file: ${path}` };
    const bytes = info.size > maxBytes ? new Uint8Array(maxBytes + 1) : new Uint8Array(await readFile(path));
    files.push({ fileName: basename(path), bytes });
  }
  return { ok: true, files };
};
