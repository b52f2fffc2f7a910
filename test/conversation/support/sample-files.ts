import { tinyPdf, tinyPng, utf8 } from "../../files/support/samples.js";
import { TEST_ATTACHMENT_RULES } from "./engine-harness.js";

/** Files by name for transcripts: the extension decides what bytes they hold. */
export const sampleFile = (name: string) => {
  const bytes = (() => {
    if (name.startsWith("empty")) return new Uint8Array(0);
    if (name.startsWith("huge")) return new Uint8Array(TEST_ATTACHMENT_RULES.maxBytes + 1).fill(65);
    if (name.endsWith(".png")) return tinyPng();
    if (name.endsWith(".pdf")) return tinyPdf();
    if (name.endsWith(".txt")) return utf8(`Conteúdo de ${name}\n`);
    // An executable header with NUL bytes: neither text nor an accepted type.
    return new Uint8Array([
      0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff,
    ]);
  })();
  return { fileName: name, bytes: new Uint8Array(bytes) };
};
