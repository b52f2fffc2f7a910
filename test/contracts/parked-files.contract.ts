import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsBlobStore, type FsBlobStore } from "../../src/adapters/files/fs-blob-store.js";
import type { ParkedFiles } from "../../src/core/ports/parked-files.js";

export interface ParkedFilesUnderTest {
  readonly parked: ParkedFiles;
  /** Makes the bytes behind `storageKey` an attachment, as a ticket made from them would. */
  attach(storageKey: string): Promise<void>;
  close(): Promise<void>;
}

/** One contract for every ParkedFiles: what it counts, and which bytes its releases delete. */
export const parkedFilesContract = (
  name: string,
  open: (blobs: FsBlobStore) => Promise<ParkedFilesUnderTest>,
) =>
  describe(`parked files: ${name}`, () => {
    let dir: string;
    let blobs: FsBlobStore;
    let s: ParkedFilesUnderTest;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), "chamado-parked-"));
      blobs = createFsBlobStore({ root: dir });
      s = await open(blobs);
    });
    afterEach(async () => {
      await s?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const store = async (text: string) => {
      const bytes = new TextEncoder().encode(text);
      const meta = { sha256: createHash("sha256").update(bytes).digest("hex"), extension: "txt" };
      expect(blobs.keyFor(meta)).toBe(await blobs.put(bytes, meta));
      return { storageKey: blobs.keyFor(meta), size: bytes.byteLength };
    };
    const exists = (key: string) =>
      blobs.get(key).then(
        () => true,
        () => false,
      );
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

    it("counts a contact's parked bytes once per file, and only theirs", async () => {
      const [ana, bia] = [randomUUID(), randomUUID()];
      const a = await store("aaaa");
      const b = await store("bbbbbbbb");
      await s.parked.park(ana, [a, b], at(0));
      await s.parked.park(ana, [a], at(1));
      await s.parked.park(bia, [a], at(2));
      expect(await s.parked.bytesOf(ana)).toBe(12);
      expect(await s.parked.bytesOf(bia)).toBe(4);
      expect(await s.parked.bytesOf(randomUUID())).toBe(0);
    });

    it("deletes released bytes nothing else references, and keeps those another contact or an attachment has", async () => {
      const [ana, bia] = [randomUUID(), randomUUID()];
      const shared = await store("shared");
      const own = await store("own");
      const attached = await store("attached");
      await s.parked.park(ana, [shared, own, attached], at(0));
      await s.parked.park(bia, [shared], at(0));
      await s.attach(attached.storageKey);

      expect(await s.parked.release(ana)).toEqual([own.storageKey]);
      expect(await exists(own.storageKey)).toBe(false);
      expect(await exists(shared.storageKey)).toBe(true);
      expect(await exists(attached.storageKey)).toBe(true);
      expect(await s.parked.bytesOf(ana)).toBe(0);

      expect(await s.parked.release(bia, [shared.storageKey])).toEqual([shared.storageKey]);
      expect(await exists(shared.storageKey)).toBe(false);
      expect(await s.parked.release(bia)).toEqual([]);
    });

    it("releases only the keys named, and nothing of a key the contact does not hold", async () => {
      const [ana, bia] = [randomUUID(), randomUUID()];
      const one = await store("one");
      const two = await store("two");
      await s.parked.park(ana, [one, two], at(0));
      expect(await s.parked.release(bia, [one.storageKey])).toEqual([]);
      expect(await s.parked.release(ana, [two.storageKey])).toEqual([two.storageKey]);
      expect(await s.parked.bytesOf(ana)).toBe(one.size);
      expect(await exists(one.storageKey)).toBe(true);
    });

    it("names the contacts holding files parked before a cutoff, oldest first", async () => {
      const [old, older, fresh] = [randomUUID(), randomUUID(), randomUUID()];
      const file = await store("x");
      await s.parked.park(fresh, [file], at(50));
      await s.parked.park(old, [file], at(20));
      await s.parked.park(older, [file], at(10));
      expect(await s.parked.idleHolders(at(30), 10)).toEqual([older, old]);
      expect(await s.parked.idleHolders(at(30), 1)).toEqual([older]);
    });
  });
