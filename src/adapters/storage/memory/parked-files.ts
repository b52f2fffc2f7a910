import type { BlobStore } from "../../../core/ports/blob-store.js";
import type { ParkedFiles } from "../../../core/ports/parked-files.js";
import { deleteUnreferenced } from "../../files/delete-unreferenced.js";

interface Row {
  readonly size: number;
  readonly parkedAt: Date;
}

/**
 * Parked files kept in this process, for unit tests and the contract suite. `attached` says whether
 * an attachment (in whatever ticket store the test uses) has the bytes.
 */
export const createMemoryParkedFiles = (options: {
  readonly blobs: BlobStore;
  readonly attached: (storageKey: string) => Promise<boolean>;
}): ParkedFiles & { isParked(storageKey: string): boolean } => {
  const rows = new Map<string, Map<string, Row>>();
  const referenced = async (keys: readonly string[]) => {
    const used = new Set<string>();
    for (const key of keys) {
      const parked = [...rows.values()].some((held) => held.has(key));
      if (parked || (await options.attached(key))) used.add(key);
    }
    return used;
  };
  return {
    /** Whether any contact's flow holds these bytes (the orphan sweep's question). */
    isParked: (storageKey) => [...rows.values()].some((held) => held.has(storageKey)),
    async bytesOf(contactId) {
      return [...(rows.get(contactId)?.values() ?? [])].reduce((sum, row) => sum + row.size, 0);
    },
    async park(contactId, files, at) {
      const held = rows.get(contactId) ?? new Map<string, Row>();
      for (const f of files)
        if (!held.has(f.storageKey)) held.set(f.storageKey, { size: f.size, parkedAt: at });
      rows.set(contactId, held);
    },
    async release(contactId, storageKeys) {
      const held = rows.get(contactId);
      if (!held) return [];
      const dropped = (storageKeys ?? [...held.keys()]).filter((key) => held.delete(key));
      if (held.size === 0) rows.delete(contactId);
      return deleteUnreferenced(options.blobs, dropped, referenced);
    },
    async idleHolders(cutoff, limit) {
      const oldest = (held: Map<string, Row>) =>
        Math.min(...[...held.values()].map((r) => r.parkedAt.getTime()));
      return [...rows.entries()]
        .filter(([, held]) => oldest(held) <= cutoff.getTime())
        .sort(([, a], [, b]) => oldest(a) - oldest(b))
        .slice(0, limit)
        .map(([contactId]) => contactId);
    },
  };
};
