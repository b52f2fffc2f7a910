import type { FileTypeResult } from "file-type";
import { DEFAULT_ATTACHMENT_RULES } from "../../core/attachments/rules.js";
import type { ContentInspector, InspectedContent } from "../../core/ports/content-inspector.js";
import { isPlainText, legacyTextAsUtf8 } from "./plain-text.js";
import type { ZipLimits } from "./zip-directory.js";

// file-type and the zip reader load with the first file inspected: a CLI command that lists tickets
// never inspects one, and would pay some 60 modules' loading for them.
const fileTypeFromBuffer = async (bytes: Uint8Array) => (await import("file-type")).fileTypeFromBuffer(bytes);
const inspectZip: typeof import("./zip-directory.js").inspectZip = async (...args) =>
  (await import("./zip-directory.js")).inspectZip(...args);

const UNKNOWN: InspectedContent = { kind: "unknown" };
const PLAIN_TEXT: InspectedContent = { kind: "known", extension: "txt", mime: "text/plain" };
/** Formats that are text by design: their signature is trusted even when every byte is clean text. */
const TEXT_FORMATS = new Set(["pdf", "xml", "ps", "rtf", "vcf", "vtt", "ics", "svg"]);

/**
 * Decides what bytes are from their content alone. Magic numbers first, because file-type can't see
 * text; but file-type also matches short ASCII signatures ("BMW é..." reads as BMP, "MZ Logística" as
 * EXE), so a file that is entirely clean UTF-8 text is text whatever signature its first bytes resemble.
 * Real binaries of those formats carry NUL or control bytes and fail the text check.
 */
export function createContentInspector(limits: ZipLimits = DEFAULT_ZIP_LIMITS): ContentInspector {
  return { inspect: (bytes) => inspect(bytes, limits) };
}

const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: DEFAULT_ATTACHMENT_RULES.zipMaxUncompressedBytes,
  maxEntries: DEFAULT_ATTACHMENT_RULES.zipMaxEntries,
  maxDepth: DEFAULT_ATTACHMENT_RULES.zipMaxDepth,
};

async function inspect(bytes: Uint8Array, limits: ZipLimits): Promise<InspectedContent> {
  if (bytes.length === 0) return UNKNOWN;

  const detected = await detectMagic(bytes);
  if (detected === "failed") return UNKNOWN;
  if (detected === undefined) return isPlainText(bytes) ? PLAIN_TEXT : (legacyText(bytes) ?? UNKNOWN);

  // docx/xlsx/jar/epub/apk are zips too, but file-type names them; only an anonymous zip gets its directory read.
  if (!TEXT_FORMATS.has(detected.ext)) {
    if (isPlainText(bytes)) return PLAIN_TEXT;
    const legacy = legacyText(bytes);
    if (legacy) return legacy;
  }
  if (detected.ext === "zip") {
    const contents = await inspectZip(bytes, limits);
    return contents ? { kind: "zip", ...contents } : { kind: "corrupt-zip" };
  }
  return { kind: "known", extension: detected.ext, mime: detected.mime };
}

function legacyText(bytes: Uint8Array): InspectedContent | null {
  const utf8 = legacyTextAsUtf8(bytes);
  return utf8 ? { kind: "known", extension: "txt", mime: "text/plain", utf8 } : null;
}

async function detectMagic(bytes: Uint8Array): Promise<FileTypeResult | undefined | "failed"> {
  try {
    return await fileTypeFromBuffer(bytes);
  } catch {
    // A throw means a signature matched but its structure didn't parse: not text, and not a type we can name.
    return "failed";
  }
}
