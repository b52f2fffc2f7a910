import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { BlobStore } from "../../core/ports/blob-store.js";

// The backreference pins the directory to the hash prefix, so a valid key names exactly one file under root.
const KEY_SHAPE = /^([0-9a-f]{2})\/\1[0-9a-f]{62}\.[a-z0-9]{1,10}$/;

/** The file store, plus what only its own housekeeping needs: walking the stored keys. */
export interface FsBlobStore extends BlobStore {
  /** Keys of files last written before `cutoff`, in no particular order. */
  keysWrittenBefore(cutoff: Date): AsyncIterable<string>;
}

const isMissing = (error: unknown) => (error as { code?: string }).code === "ENOENT";

export function createFsBlobStore(options: { root: string }): FsBlobStore {
  const root = resolve(options.root);

  const pathOf = (key: string): string => {
    if (!KEY_SHAPE.test(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
    return join(root, key);
  };

  const keyFor = (meta: { sha256: string; extension: string }) => {
    const sha256 = meta.sha256.toLowerCase();
    return `${sha256.slice(0, 2)}/${sha256}.${sanitizeExtension(meta.extension)}`;
  };

  return {
    keyFor,

    async put(bytes, meta) {
      // Recomputed rather than trusted: the key must describe the bytes actually written.
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (meta.sha256.toLowerCase() !== sha256)
        throw new Error("sha256 does not match the bytes being stored");

      const key = keyFor({ sha256, extension: meta.extension });
      const target = join(root, key);
      await mkdir(dirname(target), { recursive: true });
      await writeAtomically(target, bytes);
      return key;
    },

    async get(key) {
      const data = await readFile(pathOf(key));
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async removeIf(key, decide) {
      const path = pathOf(key);
      // A rename is atomic: from here a reader finds no file and a writer of the same bytes writes a
      // new one at `path`, so the decision below is about these bytes alone.
      const aside = `${path}.removing-${randomUUID()}`;
      try {
        await rename(path, aside);
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      let remove = false;
      try {
        remove = await decide((await stat(aside)).mtime);
      } finally {
        // Put back over a fresh copy is harmless: the bytes are the same, the name is their hash.
        await (remove ? rm(aside, { force: true }) : rename(aside, path));
      }
      return remove;
    },

    async *keysWrittenBefore(cutoff) {
      const prefixes = await readdir(root).catch((error: unknown) => {
        if (isMissing(error)) return [] as string[];
        throw error;
      });
      for (const prefix of prefixes) {
        if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
        for (const name of await readdir(join(root, prefix)).catch(() => [] as string[])) {
          const key = `${prefix}/${name}`;
          if (!KEY_SHAPE.test(key)) continue;
          const written = await stat(join(root, key)).catch(() => null);
          if (written && written.mtime < cutoff) yield key;
        }
      }
    },
  };
}

export function sanitizeExtension(extension: string): string {
  return (
    extension
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")
      .slice(0, 10) || "bin"
  );
}

// Same directory as the target so rename() stays on one filesystem and is atomic: readers see all or nothing.
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(target), `.tmp-${randomUUID()}`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
