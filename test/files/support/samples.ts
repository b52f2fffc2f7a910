import { crc32, deflateSync } from "node:zlib";

const ascii = (text: string): Buffer => Buffer.from(text, "latin1");

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([ascii(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A complete, decodable 1x1 8-bit greyscale PNG (signature, IHDR, IDAT, IEND with real CRCs). */
export function tinyPng(): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const scanline = Buffer.from([0x00, 0xff]); // filter byte + one white pixel
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk("IHDR", header),
      pngChunk("IDAT", deflateSync(scanline)),
      pngChunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/** SOI + JFIF APP0 segment: all a sniffer needs to see. */
export function jpegHeader(): Uint8Array {
  return new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0xff, 0xd9,
  ]);
}

export function tinyPdf(): Uint8Array {
  return new Uint8Array(
    ascii(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
        "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
        "trailer<</Root 1 0 R>>\n%%EOF\n",
    ),
  );
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const PORTUGUESE_TEXT =
  "Olá, equipe!\r\nSegue a relação de peças com defeito:\n\t- Válvula de pressão (código 12ª)\n" +
  '\t- Conexão em "T" — lote nº 45\nAtenciosamente, João Gonçalves\f\n';
