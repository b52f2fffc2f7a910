import type { BlobStore } from "../../core/ports/blob-store.js";

/** Which of these keys an attachment or a parked file still names. */
export type ReferencedKeys = (keys: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * Deletes the bytes of keys nothing references, asking again once each file is out of writers' way:
 * a flow that parks the same bytes records its reference before writing them, so it is either seen
 * here and the file put back, or it writes a fresh copy after the file was taken away.
 */
export const deleteUnreferenced = async (
  blobs: BlobStore,
  keys: readonly string[],
  referenced: ReferencedKeys,
): Promise<string[]> => {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const used = await referenced(unique);
  const deleted: string[] = [];
  for (const key of unique.filter((k) => !used.has(k))) {
    if (await blobs.removeIf(key, async () => !(await referenced([key])).has(key))) deleted.push(key);
  }
  return deleted;
};
