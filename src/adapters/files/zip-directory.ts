import { type Entry, fromBuffer } from "yauzl";

export interface ZipDirectory {
  readonly entries: number;
  /** Sum of the sizes the central directory declares; nothing is inflated, so this is a claim, not a measurement. */
  readonly uncompressedBytes: number;
}

/**
 * Walks the central directory only. Resolves `undefined` for anything yauzl refuses
 * (truncation, bad signatures, unsafe entry names such as "../x", multi-disk, strong encryption).
 */
export function readZipDirectory(bytes: Uint8Array): Promise<ZipDirectory | undefined> {
  return new Promise((resolve) => {
    // A view, not a copy: attachments can be large.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let entries = 0;
    let uncompressedBytes = 0;
    const fail = () => resolve(undefined);
    try {
      fromBuffer(buffer, { lazyEntries: true, autoClose: true }, (error, zip) => {
        if (error || !zip) return fail();
        zip.on("error", fail);
        zip.on("entry", (entry: Entry) => {
          entries += 1;
          uncompressedBytes += entry.uncompressedSize;
          zip.readEntry();
        });
        zip.on("end", () => resolve({ entries, uncompressedBytes }));
        zip.readEntry();
      });
    } catch {
      fail();
    }
  });
}
