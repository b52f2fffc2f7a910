import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createContentInspector } from "../../src/adapters/files/content-inspector.js";
import { vetFiles } from "../../src/core/attachments/accept-files.js";
import { DEFAULT_ATTACHMENT_RULES } from "../../src/core/attachments/rules.js";
import { buildZip } from "./support/zip-writer.js";

const MB = 1024 * 1024;
const limits = { maxUncompressedBytes: MB, maxEntries: 50, maxDepth: 2 };
const inspector = createContentInspector(limits);
const zeros = (n: number) => new Uint8Array(n);

describe("content inspector: zips that lie and zips in zips", () => {
  it("stops unpacking an entry that inflates past the limit while its directory claims a few bytes", async () => {
    const liar = buildZip([
      { name: "small.txt", data: zeros(8 * MB), method: "deflate", declaredUncompressedSize: 100 },
    ]);
    expect(liar.length).toBeLessThan(20_000);
    const found = await inspector.inspect(liar);
    expect(found).toMatchObject({ kind: "zip", entries: 1 });
    const unpacked = found.kind === "zip" ? found.uncompressedBytes : 0;
    // Refused by what really came out, and reading stopped soon after the limit, not at 8 MB.
    expect(unpacked).toBeGreaterThan(MB);
    expect(unpacked).toBeLessThan(2 * MB);
  });

  it("calls a zip corrupt when an entry unpacks to other than its directory says, within the limit", async () => {
    const larger = buildZip([
      { name: "a.txt", data: "x".repeat(5000), method: "deflate", declaredUncompressedSize: 10 },
    ]);
    const smaller = buildZip([{ name: "b.txt", data: "y".repeat(10), declaredUncompressedSize: 5000 }]);
    expect(await inspector.inspect(larger)).toEqual({ kind: "corrupt-zip" });
    expect(await inspector.inspect(smaller)).toEqual({ kind: "corrupt-zip" });
  });

  it("counts a zip inside a zip as a second level, with its entries and bytes", async () => {
    const inner = buildZip([{ name: "log.txt", data: "z".repeat(300), method: "deflate" }]);
    const outer = buildZip([
      { name: "readme.txt", data: "leia" },
      { name: "logs.zip", data: inner },
    ]);
    expect(await inspector.inspect(outer)).toEqual({
      kind: "zip",
      entries: 3,
      uncompressedBytes: 4 + inner.length + 300,
      depth: 2,
    });
  });

  it("stops at an archive one level deeper than allowed, whatever its format", async () => {
    const third = buildZip([{ name: "deep.txt", data: "fundo" }]);
    const second = buildZip([{ name: "third.zip", data: third }]);
    const first = buildZip([{ name: "second.zip", data: second }]);
    expect(await inspector.inspect(first)).toMatchObject({ kind: "zip", depth: 3 });
    const withGzip = buildZip([{ name: "x.zip", data: buildZip([{ name: "y.gz", data: gzipSync("oi") }]) }]);
    expect(await inspector.inspect(withGzip)).toMatchObject({ kind: "zip", depth: 3 });
    const flatOnly = createContentInspector({ ...limits, maxDepth: 1 });
    expect(await flatOnly.inspect(buildZip([{ name: "a.gz", data: gzipSync("oi") }]))).toMatchObject({
      depth: 2,
    });
    expect(await flatOnly.inspect(buildZip([{ name: "a.txt", data: "oi" }]))).toMatchObject({ depth: 1 });
  });

  it("counts nested levels against one budget: a bomb of zips in zips is stopped by its real size", async () => {
    let bomb = buildZip([{ name: "0.bin", data: zeros(400_000), method: "deflate" }]);
    bomb = buildZip([1, 2, 3].map((i) => ({ name: `${i}.zip`, data: bomb, method: "deflate" as const })));
    const found = await inspector.inspect(bomb);
    expect(found.kind === "zip" && found.uncompressedBytes).toBeGreaterThan(MB);
    expect(found).toMatchObject({ depth: 2 });
  });

  it("is refused by the attachment rules with the reason and the limit", async () => {
    const rules = { ...DEFAULT_ATTACHMENT_RULES, zipMaxUncompressedBytes: MB, zipMaxDepth: 2 };
    const deep = buildZip([{ name: "a.zip", data: buildZip([{ name: "b.zip", data: buildZip([]) }]) }]);
    const big = buildZip([
      { name: "a.txt", data: zeros(3 * MB), method: "deflate", declaredUncompressedSize: 3 },
    ]);
    const vet = (bytes: Uint8Array) => vetFiles([{ fileName: "pacote.zip", bytes }], rules, inspector);
    expect(await vet(deep)).toEqual({
      ok: false,
      error: { code: "ATTACHMENT_REJECTED", fileName: "pacote.zip", reason: "ZIP_NESTED_TOO_DEEP", limit: 2 },
    });
    expect(await vet(big)).toEqual({
      ok: false,
      error: { code: "ATTACHMENT_REJECTED", fileName: "pacote.zip", reason: "ZIP_TOO_LARGE", limit: MB },
    });
  });
});
