import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { type Entry, fromBuffer, type ZipFile } from "yauzl";

/** How far inspecting an archive may go before it stops and reports the limit passed. */
export interface ZipLimits {
  /** Real unpacked bytes, every nesting level together. */
  readonly maxUncompressedBytes: number;
  /** Entries, every nesting level together. */
  readonly maxEntries: number;
  /** Archive levels: 1 is a zip with no archive inside, 2 allows archives in it, and so on. */
  readonly maxDepth: number;
}

export interface ZipContents {
  readonly entries: number;
  /**
   * Bytes actually unpacked, counted as they stream. Over the limit it is the count where reading
   * stopped (or, when the directory alone already claims more, that claim: refused without inflating).
   */
  readonly uncompressedBytes: number;
  /** The deepest archive nesting seen; maxDepth + 1 when reading stopped there. */
  readonly depth: number;
}

/** Archive formats that count as a level of nesting. Documents built on zip (docx, jar, epub) do not. */
const ARCHIVES = new Set([
  "zip",
  "gz",
  "bz2",
  "xz",
  "7z",
  "rar",
  "tar",
  "zst",
  "lz",
  "lzh",
  "cab",
  "Z",
  "lz4",
  "arj",
  "cpio",
  "ar",
]);
/** Enough of an entry for file-type to recognise any of those. */
const SNIFF_BYTES = 4100;

class Corrupt extends Error {}

const open = (bytes: Uint8Array): Promise<ZipFile> =>
  new Promise((resolve, reject) => {
    // A view, not a copy: attachments can be large.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: false }, (error, zip) =>
      error || !zip ? reject(new Corrupt()) : resolve(zip),
    );
  });

/** The central directory: names, claimed sizes and offsets, nothing inflated. */
const directoryOf = (zip: ZipFile): Promise<Entry[]> =>
  new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("error", () => reject(new Corrupt()));
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.readEntry();
  });

const streamOf = (zip: ZipFile, entry: Entry): Promise<Readable> =>
  new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) =>
      error || !stream ? reject(new Corrupt()) : resolve(stream),
    ),
  );

const isArchive = async (head: Uint8Array): Promise<boolean> => {
  try {
    const type = await fileTypeFromBuffer(head);
    return type !== undefined && ARCHIVES.has(type.ext);
  } catch {
    return false;
  }
};

/** What inspecting has found so far, shared by every nesting level. */
interface Tally {
  entries: number;
  bytes: number;
  depth: number;
}

/**
 * Reads one archive level: the directory first (its entry count and claimed total can refuse it
 * without inflating anything), then every entry, counting the bytes as they inflate and stopping the
 * moment the total passes the limit. An entry that is itself an archive adds a level; a zip within
 * the allowed depth is read the same way, against the same totals. Returns false once a limit is passed.
 */
const readLevel = async (
  bytes: Uint8Array,
  level: number,
  limits: ZipLimits,
  tally: Tally,
): Promise<boolean> => {
  tally.depth = Math.max(tally.depth, level);
  const zip = await open(bytes);
  try {
    const entries = await directoryOf(zip);
    tally.entries += entries.length;
    if (tally.entries > limits.maxEntries) return false;
    const claimed = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (tally.bytes + claimed > limits.maxUncompressedBytes) {
      tally.bytes += claimed;
      return false;
    }
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      const mayOpen = level + 1 <= limits.maxDepth;
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let keepAll = false;
      let real = 0;
      const stream = await streamOf(zip, entry);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          // A zip that will be read in turn is kept whole; of anything else only the head, to tell its type.
          if (real === 0) keepAll = mayOpen && chunk.subarray(0, 2).toString("latin1") === "PK";
          real += chunk.length;
          tally.bytes += chunk.length;
          if (tally.bytes > limits.maxUncompressedBytes) return false;
          if (keepAll || keptBytes < SNIFF_BYTES) {
            kept.push(chunk);
            keptBytes += chunk.length;
          }
        }
      } catch {
        throw new Corrupt();
      } finally {
        stream.destroy();
      }
      // A directory that lies about a size is not an archive we read on trust.
      if (real !== entry.uncompressedSize) throw new Corrupt();
      const content = Buffer.concat(kept);
      if (!(await isArchive(content.subarray(0, SNIFF_BYTES)))) continue;
      if (!mayOpen) {
        tally.depth = level + 1;
        return false;
      }
      const type = await fileTypeFromBuffer(content.subarray(0, SNIFF_BYTES)).catch(() => undefined);
      if (type?.ext === "zip") {
        if (!(await readLevel(content, level + 1, limits, tally))) return false;
      } else {
        tally.depth = Math.max(tally.depth, level + 1);
      }
    }
    return true;
  } finally {
    zip.close();
  }
};

/**
 * Unpacks a zip in memory as far as the limits allow, keeping nothing but counts. Resolves undefined
 * for anything not read as a zip: truncation, bad signatures, unsafe entry names ("../x"), encrypted
 * entries, a directory whose sizes differ from what the entries unpack to, a damaged deflate stream.
 */
export async function inspectZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipContents | undefined> {
  const tally: Tally = { entries: 0, bytes: 0, depth: 0 };
  try {
    await readLevel(bytes, 1, limits, tally);
    return { entries: tally.entries, uncompressedBytes: tally.bytes, depth: tally.depth };
  } catch {
    // Corrupt, or yauzl throwing synchronously on malformed input: either way not a zip we accept.
    return undefined;
  }
}
