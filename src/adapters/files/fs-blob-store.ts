import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { BlobStore } from "../../core/ports/blob-store.js";

// The backreference pins the directory to the hash prefix, so a valid key names exactly one file under root.
const KEY_SHAPE = /^([0-9a-f]{2})\/\1[0-9a-f]{62}\.[a-z0-9]{1,10}$/;

export function createFsBlobStore(options: { root: string }): BlobStore {
  const root = resolve(options.root);

  const pathOf = (key: string): string => {
    if (!KEY_SHAPE.test(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
    return join(root, key);
  };

  return {
    async put(bytes, meta) {
      // Recomputed rather than trusted: the key must describe the bytes actually written.
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (meta.sha256.toLowerCase() !== sha256)
        throw new Error("sha256 does not match the bytes being stored");

      const key = `${sha256.slice(0, 2)}/${sha256}.${sanitizeExtension(meta.extension)}`;
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
