import { z } from "zod";
import { err, ok, type Result } from "../../core/shared/result.js";
import type { FileInput } from "../../core/ticket/commands.js";
import type { CoreError } from "../../core/ticket/errors.js";
import { BodyTooLargeError, readCapped } from "../files/read-capped.js";
import type { SlackWebClient } from "./clients.js";

/** A file as Slack describes it in messages, file_input values and files.info. */
export const slackFile = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  title: z.string().nullish(),
  size: z.number().int().nonnegative().nullish(),
  mimetype: z.string().nullish(),
  /** "hosted", "snippet"…; "tombstone" (deleted) and "hidden_by_limit" have no bytes to fetch. */
  mode: z.string().nullish(),
  url_private_download: z.string().nullish(),
  url_private: z.string().nullish(),
});
export type SlackFile = z.infer<typeof slackFile>;

export const fileNameOf = (file: SlackFile): string => file.name || file.title || file.id;

/**
 * The core's limits checked on Slack's metadata, before any byte is fetched: how many files, and
 * each one's declared size. The content itself is checked by the core once downloaded.
 */
export const checkBeforeDownload = (
  files: readonly SlackFile[],
  rules: { readonly maxFiles: number; readonly maxBytes: number },
): Result<readonly SlackFile[], CoreError> => {
  if (files.length > rules.maxFiles)
    return err({ code: "TOO_MANY_ATTACHMENTS", max: rules.maxFiles, actual: files.length });
  for (const file of files) {
    const fileName = fileNameOf(file);
    if (
      file.mode === "tombstone" ||
      file.mode === "hidden_by_limit" ||
      !(file.url_private_download || file.url_private)
    ) {
      return err({ code: "ATTACHMENT_REJECTED", fileName, reason: "CORRUPT" });
    }
    if (file.size === 0) return err({ code: "ATTACHMENT_REJECTED", fileName, reason: "EMPTY" });
    if ((file.size ?? 0) > rules.maxBytes)
      return err({ code: "ATTACHMENT_REJECTED", fileName, reason: "TOO_LARGE", limit: rules.maxBytes });
  }
  return ok(files);
};

export class SlackFileDownloadError extends Error {
  override readonly name = "SlackFileDownloadError";
}

export interface FileDownloader {
  /** Downloads files already checked; a body longer than allowed is refused as too large while it streams. */
  download(files: readonly SlackFile[]): Promise<Result<FileInput[], CoreError>>;
}

/**
 * Downloads with the bot token, and only from Slack's file host (or the configured API host in
 * tests), so the token is never sent anywhere a payload could point to.
 */
export const createFileDownloader = (options: {
  token: string;
  apiUrl: string;
  maxBytes: number;
  timeoutMs?: number;
}): FileDownloader => {
  const allowedHosts = new Set(["files.slack.com", new URL(options.apiUrl).host]);

  const fetchOne = async (file: SlackFile): Promise<Result<FileInput, CoreError>> => {
    const fileName = fileNameOf(file);
    const url = new URL(file.url_private_download || file.url_private || "");
    if (!allowedHosts.has(url.host))
      throw new SlackFileDownloadError(`refusing to download from ${url.host}`);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${options.token}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    if (!response.ok || !response.body)
      throw new SlackFileDownloadError(`download of ${file.id} answered ${response.status}`);
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(response, options.maxBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return err({ code: "ATTACHMENT_REJECTED", fileName, reason: "TOO_LARGE", limit: options.maxBytes });
    }
    return ok({
      fileName,
      bytes,
      ...(file.mimetype ? { declaredType: file.mimetype } : {}),
    });
  };

  return {
    async download(files) {
      const inputs: FileInput[] = [];
      for (const file of files) {
        const fetched = await fetchOne(file);
        if (!fetched.ok) return fetched;
        inputs.push(fetched.value);
      }
      return ok(inputs);
    },
  };
};

/** Posts files into a conversation (a thread, when given) through Slack's external upload flow. */
export const uploadFiles = async (
  client: SlackWebClient,
  target: { readonly channel: string; readonly threadTs?: string | undefined },
  files: readonly { readonly fileName: string; readonly bytes: Uint8Array }[],
): Promise<void> => {
  if (files.length === 0) return;
  await client.filesUploadV2({
    channel_id: target.channel,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    file_uploads: files.map((f) => ({ file: Buffer.from(f.bytes), filename: f.fileName })),
  });
};
