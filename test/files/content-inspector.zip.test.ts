import { describe, expect, it } from "vitest";
import { createContentInspector } from "../../src/adapters/files/content-inspector.js";
import { buildZip } from "./support/zip-writer.js";

const inspector = createContentInspector();

describe("content inspector: zip archives", () => {
  it("counts entries and the bytes they really unpack to", async () => {
    const zip = buildZip([
      { name: "a.txt", data: "olá" }, // 4 bytes in UTF-8
      { name: "pasta/b.csv", data: "x".repeat(1000), method: "deflate" },
      { name: "pasta/c.bin", data: new Uint8Array(250) },
    ]);
    expect(await inspector.inspect(zip)).toEqual({
      kind: "zip",
      entries: 3,
      uncompressedBytes: 1254,
      depth: 1,
    });
  });

  it("refuses on a directory that already claims more than the limit, without inflating anything", async () => {
    const twoGigabytes = 2 * 1024 ** 3;
    const zip = buildZip([
      {
        name: "boom.bin",
        data: new Uint8Array(64),
        method: "deflate",
        declaredUncompressedSize: twoGigabytes,
      },
    ]);
    expect(zip.length).toBeLessThan(200);
    expect(await inspector.inspect(zip)).toEqual({
      kind: "zip",
      entries: 1,
      uncompressedBytes: twoGigabytes,
      depth: 1,
    });
  });

  it("reports an empty archive as a zip with no entries", async () => {
    expect(await inspector.inspect(buildZip([]))).toEqual({
      kind: "zip",
      entries: 0,
      uncompressedBytes: 0,
      depth: 1,
    });
  });

  it("calls a truncated zip corrupt", async () => {
    const zip = buildZip([
      { name: "a.txt", data: "conteúdo" },
      { name: "b.txt", data: "mais" },
    ]);
    expect(await inspector.inspect(zip.subarray(0, zip.length - 30))).toEqual({ kind: "corrupt-zip" });
  });

  it("calls a zip whose directory points nowhere corrupt", async () => {
    const zip = buildZip([{ name: "a.txt", data: "conteúdo" }]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(zip.length - 6, 0x00ffffff, true); // central directory offset
    expect(await inspector.inspect(zip)).toEqual({ kind: "corrupt-zip" });
  });

  it("calls a zip with a path-traversal entry name corrupt (yauzl refuses it)", async () => {
    const zip = buildZip([{ name: "../../etc/passwd", data: "root" }]);
    expect(await inspector.inspect(zip)).toEqual({ kind: "corrupt-zip" });
  });

  it("reports zip-based formats as file-type names them, not as zip", async () => {
    const docx = buildZip([
      {
        name: "[Content_Types].xml",
        data:
          '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ' +
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      },
      { name: "word/document.xml", data: "<w:document/>" },
    ]);
    const jar = buildZip([{ name: "META-INF/MANIFEST.MF", data: "Manifest-Version: 1.0\n" }]);

    expect(await inspector.inspect(docx)).toEqual({
      kind: "known",
      extension: "docx",
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    expect(await inspector.inspect(jar)).toEqual({
      kind: "known",
      extension: "jar",
      mime: "application/java-archive",
    });
  });
});
