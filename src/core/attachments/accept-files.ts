import { createHash, randomUUID } from "node:crypto";
import type { BlobStore } from "../ports/blob-store.js";
import type { ContentInspector } from "../ports/content-inspector.js";
import { err, ok, type Result } from "../shared/result.js";
import type { FileInput } from "../ticket/commands.js";
import type { CoreError } from "../ticket/errors.js";
import type { AttachmentMeta } from "../ticket/ticket.js";
import type { AttachmentRules } from "./rules.js";

interface Vetted {
  readonly file: FileInput;
  readonly extension: string;
  readonly mime: string;
}

/** Checks every file before anything is stored, so a rejected batch leaves no trace. */
export const vetFiles = async (
  files: readonly FileInput[],
  rules: AttachmentRules,
  inspector: ContentInspector,
): Promise<Result<Vetted[], CoreError>> => {
  if (files.length > rules.maxFiles) {
    return err({ code: "TOO_MANY_ATTACHMENTS", max: rules.maxFiles, actual: files.length });
  }
  const vetted: Vetted[] = [];
  for (const file of files) {
    const reject = (reason: Extract<CoreError, { code: "ATTACHMENT_REJECTED" }>["reason"], limit?: number) =>
      err<CoreError>({
        code: "ATTACHMENT_REJECTED",
        fileName: file.fileName,
        reason,
        ...(limit ? { limit } : {}),
      });
    if (file.bytes.byteLength === 0) return reject("EMPTY");
    if (file.bytes.byteLength > rules.maxBytes) return reject("TOO_LARGE", rules.maxBytes);
    const content = await inspector.inspect(file.bytes);
    if (content.kind === "corrupt-zip") return reject("CORRUPT");
    if (content.kind === "unknown") return reject("TYPE_NOT_ALLOWED");
    if (content.kind === "zip") {
      if (!rules.allowedTypes.includes("zip")) return reject("TYPE_NOT_ALLOWED");
      if (content.entries > rules.zipMaxEntries) return reject("ZIP_TOO_MANY_ENTRIES", rules.zipMaxEntries);
      if (content.uncompressedBytes > rules.zipMaxUncompressedBytes) {
        return reject("ZIP_TOO_LARGE", rules.zipMaxUncompressedBytes);
      }
      if (content.depth > rules.zipMaxDepth) return reject("ZIP_NESTED_TOO_DEEP", rules.zipMaxDepth);
      vetted.push({ file, extension: "zip", mime: "application/zip" });
      continue;
    }
    if (!rules.allowedTypes.includes(content.extension)) return reject("TYPE_NOT_ALLOWED");
    // Legacy-encoded text is kept as UTF-8, which may take a few more bytes than the limit allows.
    if (content.utf8 && content.utf8.byteLength > rules.maxBytes) return reject("TOO_LARGE", rules.maxBytes);
    const stored = content.utf8 ? { ...file, bytes: content.utf8 } : file;
    vetted.push({ file: stored, extension: content.extension, mime: content.mime });
  }
  return ok(vetted);
};

/** Keeps the sender's name for display only; the stored name is generated from the content hash. */
const displayName = (name: string, extension: string): string => {
  const base = name.replace(/[\\/\p{Cc}]/gu, "_").slice(0, 200) || "file";
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
};

export const storeFiles = async (vetted: readonly Vetted[], blobs: BlobStore): Promise<AttachmentMeta[]> =>
  Promise.all(
    vetted.map(async ({ file, extension, mime }) => {
      const sha256 = createHash("sha256").update(file.bytes).digest("hex");
      const storageKey = await blobs.put(file.bytes, { sha256, extension });
      return {
        id: randomUUID(),
        fileName: displayName(file.fileName, extension),
        contentType: mime,
        size: file.bytes.byteLength,
        sha256,
        storageKey,
      };
    }),
  );
