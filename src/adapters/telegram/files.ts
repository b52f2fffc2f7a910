import { err, ok, type Result } from "../../core/shared/result.js";
import type { FileInput } from "../../core/ticket/commands.js";
import { BodyTooLargeError, readCapped } from "../files/read-capped.js";
import { type BotClient, callBot, classifyFailure } from "./api.js";

/** A file of a message, as the update describes it (nothing downloaded yet). */
export interface TelegramFileRef {
  readonly fileId: string;
  readonly fileName: string;
  readonly mimeType?: string;
  /** From the update; documents may omit it, getFile then tells. */
  readonly size?: number;
}

/** Bots may download files of up to 20 MB through the Bot API (getFile). */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** TOO_LARGE carries the limit that applied; DOWNLOAD_FAILED is ours or Telegram's trouble, worth sending again. */
export type FileProblem =
  | { readonly kind: "TOO_LARGE"; readonly fileName: string; readonly limit: number }
  | { readonly kind: "DOWNLOAD_FAILED"; readonly fileName: string; readonly reason: string };

export interface FileFetcherOptions {
  readonly client: BotClient;
  /** Our own per-file limit (ATTACHMENT_MAX_BYTES); the lower of it and Telegram's applies. */
  readonly maxBytes: number;
  readonly timeoutMs?: number;
}

/**
 * Brings a message's files over for the core's attachment rules. Sizes are checked from the update
 * first, then from getFile, then while reading, so an oversized file is refused before its bytes are
 * fetched; content types are the core's to judge (the declared type travels along, unverified).
 */
/** Downloads the files of a message through the Bot API, within the lower of ours and Telegram's limit. */
export interface FileFetcher {
  /** The size limit that applies, in bytes. */
  readonly limit: number;
  /** Every file, or the first problem (nothing is kept of a message whose file failed). */
  fetch(refs: readonly TelegramFileRef[]): Promise<Result<FileInput[], FileProblem>>;
}

export const createFileFetcher = (options: FileFetcherOptions): FileFetcher => {
  const limit = Math.min(TELEGRAM_DOWNLOAD_LIMIT, options.maxBytes);
  const timeoutMs = options.timeoutMs ?? 30_000;

  const fetchOne = async (
    ref: TelegramFileRef,
    signal: AbortSignal,
  ): Promise<Result<FileInput, FileProblem>> => {
    const tooLarge = err<FileProblem>({ kind: "TOO_LARGE", fileName: ref.fileName, limit });
    if (ref.size !== undefined && ref.size > limit) return tooLarge;
    try {
      const file = await callBot(options.client, "getFile", { file_id: ref.fileId }, signal);
      if (file.file_size !== undefined && file.file_size > limit) return tooLarge;
      if (!file.file_path) throw new Error("getFile gave no file_path");
      const url = await options.client.getFileLink(file);
      // A local Bot API server answers with paths on its own disk, which this service does not read.
      if (url.protocol !== "https:" && url.protocol !== "http:")
        throw new Error(`cannot download from ${url.protocol}`);
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`download answered ${response.status}`);
      const bytes = await readCapped(response, limit);
      return ok({ fileName: ref.fileName, bytes, ...(ref.mimeType ? { declaredType: ref.mimeType } : {}) });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge;
      const failure = classifyFailure(error);
      // Telegram refuses getFile for files over its limit with a 400 "file is too big".
      if (failure.kind === "rejected" && /too big/i.test(failure.reason)) return tooLarge;
      return err({ kind: "DOWNLOAD_FAILED", fileName: ref.fileName, reason: failure.reason });
    }
  };

  return {
    limit,
    async fetch(refs: readonly TelegramFileRef[]): Promise<Result<FileInput[], FileProblem>> {
      const signal = AbortSignal.timeout(timeoutMs);
      const files: FileInput[] = [];
      for (const ref of refs) {
        const fetched = await fetchOne(ref, signal);
        if (!fetched.ok) return fetched;
        files.push(fetched.value);
      }
      return ok(files);
    },
  };
};
