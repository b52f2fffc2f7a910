// One instance is safe to share: non-streaming decode() resets state on every call.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const TAB = 0x09;
const LF = 0x0a;
const FF = 0x0c;
const CR = 0x0d;
const DEL = 0x7f;

/**
 * Strict "is this a text file" check for bytes that no magic number matched.
 * Any control character except TAB/LF/FF/CR (including DEL and the C1 range) counts as binary,
 * because legitimate text attachments never carry them and binary formats almost always do.
 * Legacy encodings (Windows-1252, ISO-8859-1) fail the UTF-8 check on purpose: we can't tell them from junk.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  try {
    strictUtf8.decode(bytes);
  } catch {
    return false;
  }
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte < 0x20 && byte !== TAB && byte !== LF && byte !== FF && byte !== CR) return false;
    if (byte === DEL) return false;
    // In valid UTF-8, C2 80..C2 9F is exactly the C1 control range U+0080..U+009F.
    if (byte === 0xc2 && (bytes[i + 1] ?? 0) >= 0x80 && (bytes[i + 1] ?? 0) <= 0x9f) return false;
  }
  return true;
}
