import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createContentInspector } from "../../src/adapters/files/content-inspector.js";
import { buildZip } from "./support/zip-writer.js";

const inspector = createContentInspector();
const KINDS = ["known", "zip", "corrupt-zip", "unknown"];

const MAGIC_PREFIXES: readonly number[][] = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // png
  [0xff, 0xd8, 0xff], // jpeg
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // zip local header
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x1f, 0x8b, 0x08], // gzip: file-type inflates it to look for tar
  [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF89a
  [0x52, 0x49, 0x46, 0x46], // RIFF
  [0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70], // ISO BMFF ftyp
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // Rar!
  [0x1a, 0x45, 0xdf, 0xa3], // EBML (mkv/webm)
  [0x49, 0x49, 0x2a, 0x00], // tiff LE
  [0x4f, 0x67, 0x67, 0x53], // OggS
  [0x49, 0x44, 0x33], // ID3
  [0xef, 0xbb, 0xbf], // UTF-8 BOM: file-type re-detects after it
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE2 (doc/xls/msi)
];

const expectWellFormed = async (bytes: Uint8Array) => {
  const result = await inspector.inspect(bytes);
  expect(KINDS).toContain(result.kind);
};

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe("content inspector never throws", () => {
  it("on random bytes", async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), expectWellFormed), { numRuns: 400 });
  });

  it("on random bytes behind real magic numbers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MAGIC_PREFIXES),
        fc.uint8Array({ maxLength: 1024 }),
        (magic, rest) => expectWellFormed(concat(new Uint8Array(magic), rest)),
      ),
      { numRuns: 600 },
    );
  });

  it("on real zips with bytes overwritten at random", async () => {
    const zip = buildZip([
      { name: "a.txt", data: "olá mundo" },
      { name: "b/c.bin", data: new Uint8Array(300).fill(7), method: "deflate" },
    ]);
    const mutation = fc.array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(mutation, fc.nat({ max: zip.length }), async (writes, cut) => {
        const mutated = zip.slice(0, Math.max(cut, 4));
        for (const [at, value] of writes) if (at < mutated.length) mutated[at] = value;
        await expectWellFormed(mutated);
      }),
      { numRuns: 400 },
    );
  });
});

describe("plain text detection", () => {
  // Leading "Olá " keeps file-type's short ASCII signatures (e.g. "BM", "MZ") from claiming the sample.
  const allowedControls = new Set(["\t", "\n", "\r", "\f"]);
  const textChar = fc
    .string({ unit: "binary", minLength: 1, maxLength: 1 })
    .filter((c) => allowedControls.has(c) || !/\p{Cc}/u.test(c));
  const text = fc.string({ unit: textChar, maxLength: 300 }).map((s) => `Olá ${s}`);

  it("accepts any UTF-8 text without forbidden controls", async () => {
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        expect(await inspector.inspect(new TextEncoder().encode(s))).toMatchObject({ extension: "txt" });
      }),
      { numRuns: 300 },
    );
  });

  it("rejects the same text once a NUL appears anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.nat(), async (s, at) => {
        const position = 4 + (at % (s.length - 3));
        const withNul = `${s.slice(0, position)}\u0000${s.slice(position)}`;
        expect(await inspector.inspect(new TextEncoder().encode(withNul))).toEqual({ kind: "unknown" });
      }),
      { numRuns: 200 },
    );
  });
});
