import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createContentInspector } from "../../src/adapters/files/content-inspector.js";
import { jpegHeader, PORTUGUESE_TEXT, tinyPdf, tinyPng, utf8 } from "./support/samples.js";

const inspector = createContentInspector();
const fixture = (name: string) => readFile(new URL(`../fixtures/files/${name}`, import.meta.url));

describe("content inspector: magic bytes", () => {
  it("recognises a real PNG", async () => {
    expect(await inspector.inspect(tinyPng())).toEqual({
      kind: "known",
      extension: "png",
      mime: "image/png",
    });
  });

  it("recognises a JPEG from its header alone", async () => {
    expect(await inspector.inspect(jpegHeader())).toEqual({
      kind: "known",
      extension: "jpg",
      mime: "image/jpeg",
    });
  });

  it("recognises a minimal PDF", async () => {
    expect(await inspector.inspect(tinyPdf())).toEqual({
      kind: "known",
      extension: "pdf",
      mime: "application/pdf",
    });
  });

  it("passes through whatever else file-type names", async () => {
    const gif = utf8("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;");
    expect(await inspector.inspect(gif)).toEqual({ kind: "known", extension: "gif", mime: "image/gif" });
  });
});

describe("content inspector: plain text", () => {
  it("accepts UTF-8 Portuguese with accents, tabs, CRLF and form feed", async () => {
    expect(await inspector.inspect(utf8(PORTUGUESE_TEXT))).toEqual({
      kind: "known",
      extension: "txt",
      mime: "text/plain",
    });
  });

  it("accepts a UTF-8 byte order mark", async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Relatório mensal")]);
    expect(await inspector.inspect(withBom)).toMatchObject({ kind: "known", extension: "txt" });
  });

  it("rejects text containing NUL", async () => {
    expect(await inspector.inspect(utf8("Olá\u0000mundo"))).toEqual({ kind: "unknown" });
  });

  it.each([
    ["ESC", "\u001b[31mvermelho"],
    ["DEL", "apagar\u007f"],
    ["C1 control", "texto\u0085"],
    ["vertical tab", "a\u000bb"],
  ])("rejects text containing %s", async (_, text) => {
    expect(await inspector.inspect(utf8(`Olá ${text}`))).toEqual({ kind: "unknown" });
  });

  it("takes Latin-1 text as text and gives its UTF-8 bytes", async () => {
    const latin1 = new Uint8Array(Buffer.from("Relação de peças", "latin1"));
    const found = await inspector.inspect(latin1);
    expect(found).toMatchObject({ kind: "known", extension: "txt", mime: "text/plain" });
    expect(Buffer.from((found as { utf8: Uint8Array }).utf8).toString("utf8")).toBe("Relação de peças");
  });

  it("reads Windows-1252's curly quotes, dashes and euro sign", async () => {
    // 0x93/0x94 quotes, 0x96 en dash, 0x80 euro: C1 controls in Latin-1, letters in Windows-1252.
    const bytes = new Uint8Array([
      ...Buffer.from("Pre", "latin1"),
      0xe7,
      0x6f,
      0x20,
      0x93,
      0x4f,
      0x4b,
      0x94,
      0x20,
      0x96,
      0x20,
      0x80,
      0x20,
      0x31,
      0x30,
    ]);
    const found = await inspector.inspect(bytes);
    expect(Buffer.from((found as { utf8: Uint8Array }).utf8).toString("utf8")).toBe(
      "Preço \u201cOK\u201d \u2013 \u20ac 10",
    );
  });

  it("refuses legacy bytes with controls, undefined bytes or too little ASCII", async () => {
    const latin = (s: string) => [...Buffer.from(s, "latin1")];
    for (const bytes of [
      [...latin("Relação"), 0x00, ...latin("peças")],
      [...latin("Relação de peças"), 0x81],
      [0xe7, 0xe3, 0xe9, 0xea, 0xf5, 0x61, 0xe7, 0xe3],
    ])
      expect(await inspector.inspect(new Uint8Array(bytes))).toEqual({ kind: "unknown" });
  });
});

describe("content inspector: junk and edge cases", () => {
  it("calls empty input unknown", async () => {
    expect(await inspector.inspect(new Uint8Array())).toEqual({ kind: "unknown" });
  });

  it("calls binary junk unknown", async () => {
    const junk = new Uint8Array([0x13, 0x37, 0x00, 0xfe, 0x81, 0x02, 0x99, 0x00, 0x7f, 0xc0, 0xaf]);
    expect(await inspector.inspect(junk)).toEqual({ kind: "unknown" });
  });

  it("calls a lone signature with nothing behind it unknown rather than throwing", async () => {
    await expect(inspector.inspect(new Uint8Array([0x89, 0x50]))).resolves.toEqual({ kind: "unknown" });
  });
});

describe("content inspector: names never matter", () => {
  it("a text file named .png is text", async () => {
    expect(await inspector.inspect(await fixture("leia-me.png"))).toMatchObject({ extension: "txt" });
  });

  it("a PNG named .txt is a PNG", async () => {
    expect(await inspector.inspect(await fixture("foto.txt"))).toMatchObject({ extension: "png" });
  });
});

// file-type matches very short ASCII signatures ("BM", "MZ", "GIF"...), so genuine text would be
// claimed by binary formats; clean text wins over those, while text-by-design formats keep their name.
describe("content inspector: text that starts like a binary signature", () => {
  it.each([
    ["BMW é um carro alemão", "txt"],
    ["MZ Logística Ltda", "txt"],
    ["GIF animado em anexo", "txt"],
    ["ID3 do pedido", "txt"],
    ["FORM de inscrição", "txt"],
    ["%!atenção", "ps"],
    ['<?xml version="1.0"?><nota/>', "xml"],
  ])("%j is reported as %s", async (text, extension) => {
    expect(await inspector.inspect(utf8(text))).toMatchObject({ kind: "known", extension });
  });

  it("UTF-16LE text with a BOM is reported as MPEG audio (imprecise frame-sync match on FF FE)", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Relação de peças\r\n", "utf16le")]);
    expect(await inspector.inspect(new Uint8Array(utf16))).toEqual({
      kind: "known",
      extension: "mp1",
      mime: "audio/mpeg",
    });
  });

  it("markup with no signature (SVG, HTML) falls through to plain text", async () => {
    const svg = utf8("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
    expect(await inspector.inspect(svg)).toMatchObject({ extension: "txt", mime: "text/plain" });
  });
});
