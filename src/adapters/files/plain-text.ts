// One instance is safe to share: non-streaming decode() resets state on every call.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const TAB = 0x09;
const LF = 0x0a;
const FF = 0x0c;
const CR = 0x0d;
const DEL = 0x7f;

// Bytes Windows-1252 leaves undefined (Latin-1 puts C1 controls there): never in a text file.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/**
 * Windows-1252's letters at 0x80..0x9F (Node's own decoder reads that label as Latin-1 and gives C1
 * controls there); every other byte is the code point of the same number.
 */
const CP1252_HIGH: Readonly<Record<number, number>> = {
  128: 0x20ac,
  130: 0x201a,
  131: 0x0192,
  132: 0x201e,
  133: 0x2026,
  134: 0x2020,
  135: 0x2021,
  136: 0x02c6,
  137: 0x2030,
  138: 0x0160,
  139: 0x2039,
  140: 0x0152,
  142: 0x017d,
  145: 0x2018,
  146: 0x2019,
  147: 0x201c,
  148: 0x201d,
  149: 0x2022,
  150: 0x2013,
  151: 0x2014,
  152: 0x02dc,
  153: 0x2122,
  154: 0x0161,
  155: 0x203a,
  156: 0x0153,
  158: 0x017e,
  159: 0x0178,
};

const decodeWindows1252 = (bytes: Uint8Array): string => {
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(CP1252_HIGH[byte] ?? byte);
  return out;
};

/**
 * Text saved in Windows-1252 or ISO-8859-1 (the same letters; Windows' superset also has curly
 * quotes, dashes and €), re-encoded as UTF-8; null when the bytes are not such text. Called only
 * for bytes that are not UTF-8. To tell it from junk: no control character but TAB/LF/FF/CR, no
 * byte Windows-1252 leaves undefined, and mostly ASCII (Portuguese and English text is: accents are
 * a few letters in each word), which random or binary bytes never are.
 */
export function legacyTextAsUtf8(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length === 0) return null;
  let ascii = 0;
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== TAB && byte !== LF && byte !== FF && byte !== CR) return null;
    if (byte === DEL || UNDEFINED_1252.has(byte)) return null;
    if (byte < 0x80) ascii++;
  }
  if (ascii < bytes.length * 0.7) return null;
  return new TextEncoder().encode(decodeWindows1252(bytes));
}

/**
 * Strict "is this a text file" check for bytes that no magic number matched.
 * Any control character except TAB/LF/FF/CR (including DEL and the C1 range) counts as binary,
 * because legitimate text attachments never carry them and binary formats almost always do.
 * Legacy encodings (Windows-1252, ISO-8859-1) fail it; legacyTextAsUtf8 looks at them separately.
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
