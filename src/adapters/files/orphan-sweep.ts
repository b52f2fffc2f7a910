import type { TimerJob } from "../timers/scheduler.js";
import type { ReferencedKeys } from "./delete-unreferenced.js";
import type { FsBlobStore } from "./fs-blob-store.js";

export interface OrphanSweepOptions {
  readonly blobs: FsBlobStore;
  readonly referenced: ReferencedKeys;
  /**
   * Files younger than this are never looked at: a writer stores bytes before its row commits, and
   * writing bytes again refreshes the file's time, so a file in use by a slow write is always young.
   */
  readonly graceMs: number;
  /** The walk reads every file's time: it runs at most this often, on the timers' tick. */
  readonly everyMs: number;
  readonly onDeleted?: (count: number) => void;
}

const BATCH = 500;

/** An hour: far longer than any write takes between its bytes and its row. */
export const ORPHAN_GRACE_MS = 60 * 60_000;
export const ORPHAN_SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Bytes no attachment and no parked file names, left by a crash between writing them and recording
 * them, or by a ticket change refused after its files were stored. Deleted once older than the grace
 * period; each is checked again once out of writers' way (see BlobStore.removeIf).
 */
export const orphanFileSweep = (options: OrphanSweepOptions): TimerJob => {
  let lastRun = Number.NEGATIVE_INFINITY;
  const sweepBatch = async (keys: readonly string[], cutoff: Date): Promise<number> => {
    const used = await options.referenced(keys);
    let deleted = 0;
    for (const key of keys.filter((k) => !used.has(k))) {
      const gone = await options.blobs.removeIf(
        key,
        async (writtenAt) => writtenAt < cutoff && !(await options.referenced([key])).has(key),
      );
      if (gone) deleted += 1;
    }
    return deleted;
  };
  return {
    name: "orphan_files",
    async run(now) {
      if (now.getTime() - lastRun < options.everyMs) return 0;
      lastRun = now.getTime();
      const cutoff = new Date(now.getTime() - options.graceMs);
      let deleted = 0;
      let batch: string[] = [];
      for await (const key of options.blobs.keysWrittenBefore(cutoff)) {
        batch.push(key);
        if (batch.length < BATCH) continue;
        deleted += await sweepBatch(batch, cutoff);
        batch = [];
      }
      deleted += await sweepBatch(batch, cutoff);
      if (deleted > 0) options.onDeleted?.(deleted);
      // Housekeeping fires no timer, so it reports none.
      return 0;
    },
  };
};
