import { z } from "zod";
import { BodyTooLargeError, readCapped } from "../../files/read-capped.js";
import { MediaTooLargeError } from "../media-rules.js";

/** A refusal from the Graph API, with Meta's error code (131047 re-engagement, 130429 rate limit...). */
export class GraphApiError extends Error {
  override readonly name = "GraphApiError";
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export interface GraphApiSettings {
  /** e.g. https://graph.facebook.com/v24.0, without a trailing slash. */
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly phoneNumberId: string;
}

export interface MediaInfo {
  readonly url: string;
  readonly mimeType: string | null;
  readonly fileSize: number | null;
}

const errorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_data: z.object({ details: z.string() }).partial().optional(),
  }),
});
const sentBody = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const uploadedBody = z.object({ id: z.string().min(1) });
const mediaBody = z.object({
  url: z.string().min(1),
  mime_type: z.string().optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
});

const retryAfterOf = (response: Response): number | null => {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
};

const failure = async (response: Response): Promise<GraphApiError> => {
  const body = errorBody.safeParse(await response.json().catch(() => null));
  const code = body.success ? (body.data.error.code ?? null) : null;
  const details = body.success ? (body.data.error.error_data?.details ?? body.data.error.message) : undefined;
  return new GraphApiError(
    response.status,
    code,
    `${response.status}${code ? ` (${code})` : ""}: ${details ?? response.statusText}`,
    retryAfterOf(response),
  );
};

/**
 * The calls the channel makes to Meta's Graph API, over fetch. Answers are validated; refusals throw
 * GraphApiError, network failures throw as fetch throws them (the outbox worker retries both).
 */
export interface GraphApi {
  /** Posts one message (`to` and the content); returns its wamid. */
  sendMessage(message: Record<string, unknown>, signal?: AbortSignal): Promise<string>;
  /** Uploads a file to send it by id; returns the media id. */
  uploadMedia(
    file: { fileName: string; mimeType: string; bytes: Uint8Array },
    signal?: AbortSignal,
  ): Promise<string>;
  /** Where a received file can be downloaded (a short-lived URL), with its announced type and size. */
  mediaInfo(mediaId: string, signal?: AbortSignal): Promise<MediaInfo>;
  /** The file's bytes; stops reading past `maxBytes` so an oversized file is never held in memory. */
  download(url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>>;
}

export const createGraphApi = (settings: GraphApiSettings): GraphApi => {
  const auth = { authorization: `Bearer ${settings.accessToken}` };

  const call = async (path: string, init: RequestInit & { signal?: AbortSignal }): Promise<unknown> => {
    const response = await fetch(`${settings.baseUrl}/${path}`, {
      ...init,
      headers: { ...auth, ...init.headers },
    });
    if (!response.ok) throw await failure(response);
    return response.json();
  };

  return {
    async sendMessage(message: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
      const body = await call(`${settings.phoneNumberId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", ...message }),
        ...(signal ? { signal } : {}),
      });
      return sentBody.parse(body).messages[0]!.id;
    },

    async uploadMedia(
      file: { fileName: string; mimeType: string; bytes: Uint8Array },
      signal?: AbortSignal,
    ): Promise<string> {
      const form = new FormData();
      form.set("messaging_product", "whatsapp");
      form.set("type", file.mimeType);
      form.set("file", new Blob([file.bytes], { type: file.mimeType }), file.fileName);
      const body = await call(`${settings.phoneNumberId}/media`, {
        method: "POST",
        body: form,
        ...(signal ? { signal } : {}),
      });
      return uploadedBody.parse(body).id;
    },

    async mediaInfo(mediaId: string, signal?: AbortSignal): Promise<MediaInfo> {
      const body = mediaBody.parse(
        await call(encodeURIComponent(mediaId), { method: "GET", ...(signal ? { signal } : {}) }),
      );
      return {
        url: body.url,
        mimeType: body.mime_type ?? null,
        fileSize: body.file_size === undefined ? null : Number(body.file_size),
      };
    },

    async download(url: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array<ArrayBuffer>> {
      const response = await fetch(url, { headers: auth, ...(signal ? { signal } : {}) });
      if (!response.ok || !response.body) throw await failure(response);
      return readCapped(response, maxBytes).catch((error: unknown) => {
        throw error instanceof BodyTooLargeError ? new MediaTooLargeError(error.message) : error;
      });
    },
  };
};
