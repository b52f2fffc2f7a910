import type { AttachmentRejection } from "../../core/ticket/errors.js";

export interface MediaRules {
  readonly maxBytes: number;
  /** Extensions accepted by the core (png, jpg, pdf...). */
  readonly allowedTypes: readonly string[];
  readonly timeoutMs: number;
}

/** Types WhatsApp announces that map to one extension; others are downloaded and left to the core to judge. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "application/zip": "zip",
  "application/x-zip-compressed": "zip",
  "text/plain": "txt",
  "text/csv": "csv",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
};

export const extensionOfMime = (mime: string | null | undefined): string | null => {
  const base = mime?.split(";")[0]?.trim().toLowerCase();
  return base ? (EXTENSIONS[base] ?? null) : null;
};

/**
 * Refuses what the platform's metadata already rules out, before any byte is downloaded. The core
 * still checks the downloaded content (magic bytes, size) — the metadata is only the sender's claim.
 */
export const precheckMedia = (
  media: { readonly mimeType: string | null; readonly declaredSize: number | null },
  rules: MediaRules,
): AttachmentRejection | null => {
  if (media.declaredSize !== null && media.declaredSize > rules.maxBytes) return "TOO_LARGE";
  if (media.declaredSize === 0) return "EMPTY";
  const extension = extensionOfMime(media.mimeType);
  if (extension && !rules.allowedTypes.includes(extension)) return "TYPE_NOT_ALLOWED";
  return null;
};

/** A name for a file sent without one (photos, voice notes): the kind and the message id, with the type's extension. */
export const fileNameFor = (
  given: string | null | undefined,
  kind: string,
  messageId: string,
  mime: string | null,
): string => {
  const name = given?.trim();
  if (name) return name.slice(0, 255);
  const tail = messageId.replace(/[^A-Za-z0-9]/g, "").slice(-8) || "file";
  const extension = extensionOfMime(mime);
  return extension ? `${kind}-${tail}.${extension}` : `${kind}-${tail}`;
};

export class MediaDownloadError extends Error {
  override readonly name = "MediaDownloadError";
}

/** A download that turned out larger than the announced size allowed: refused as too large. */
export class MediaTooLargeError extends Error {
  override readonly name = "MediaTooLargeError";
}

/** Runs a download with a deadline; the signal aborts the transfer when the deadline passes. */
export const downloadWithin = async <T>(
  ms: number,
  task: (signal: AbortSignal) => Promise<T>,
): Promise<T> => {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new MediaDownloadError(`no file within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([task(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
};
