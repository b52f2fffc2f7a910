import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { actOut, isTransportFault, type TransportFault } from "./transport-fault.js";

/**
 * The Telegram Bot API on 127.0.0.1, as far as this service uses it. telegraf talks to it through
 * TELEGRAM_API_ROOT: POST /bot<token>/<method> (JSON or multipart) and GET /file/bot<token>/<path>.
 * Every call is recorded, messages sent to chats are kept as the person would see them, and errors
 * (429, 403, ...) can be injected per method.
 */
export interface UploadedFile {
  readonly field: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface BotApiCall {
  readonly seq: number;
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly files: readonly UploadedFile[];
  /** Date.now() when the call arrived. */
  readonly at: number;
  /** The error code answered, or 200; 0 while a long poll is still waiting. */
  status: number;
}

export interface Button {
  readonly text: string;
  readonly callback_data: string;
}

export interface ChatMessage {
  readonly messageId: number;
  readonly chatId: number;
  readonly seq: number;
  readonly kind: "text" | "photo" | "document";
  readonly text: string;
  readonly fileName: string | null;
  keyboard: readonly (readonly Button[])[] | null;
  readonly forceReply: boolean;
  readonly replyTo: number | null;
  /** Date.now() when the Bot API accepted it. */
  readonly at: number;
}

export interface BotApiError {
  readonly ok: false;
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { readonly retry_after?: number };
}

type FaultRule = {
  method: string;
  match: (params: Record<string, unknown>) => boolean;
  error: BotApiError | TransportFault;
  times: number;
};

const JSON_FIELDS = new Set([
  "reply_markup",
  "reply_parameters",
  "link_preview_options",
  "commands",
  "allowed_updates",
]);

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** JSON, urlencoded or multipart parameters, with multipart files apart. */
const readParams = async (
  req: IncomingMessage,
): Promise<{ params: Record<string, unknown>; files: UploadedFile[] }> => {
  const body = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(body, { headers: { "content-type": type } }).formData();
    const params: Record<string, unknown> = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") params[field] = JSON_FIELDS.has(field) ? JSON.parse(value) : value;
      else files.push({ field, fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
    return { params, files };
  }
  return {
    params: body.length > 0 ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {},
    files: [],
  };
};

export const FAKE_BOT = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "Chamado",
  username: "chamado_test_bot",
} as const;

export const startFakeTelegramApi = async (options: { token: string }) => {
  const calls: BotApiCall[] = [];
  const messages: ChatMessage[] = [];
  const rules: FaultRule[] = [];
  const stored = new Map<
    string,
    { bytes: Uint8Array; path: string; uniqueId: string; reportedSize: number }
  >();
  const updates: Record<string, unknown>[] = [];
  const downloads: string[] = [];
  const waiting = new Set<() => void>();
  const sockets = new Set<Socket>();
  let nextMessageId = 5000;
  let webhook = { url: "", secret: "" as string | undefined };

  const faultFor = (method: string, params: Record<string, unknown>): BotApiError | TransportFault | null => {
    const rule = rules.find((r) => r.times > 0 && r.method === method && r.match(params));
    if (!rule) return null;
    rule.times -= 1;
    return rule.error;
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const keyboardOf = (markup: unknown): ChatMessage["keyboard"] => {
    const rows = (markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard;
    return rows && rows.length > 0 ? rows : null;
  };

  const post = (
    kind: ChatMessage["kind"],
    params: Record<string, unknown>,
    seq: number,
    fileName: string | null,
  ) => {
    const message: ChatMessage = {
      messageId: ++nextMessageId,
      chatId: Number(params.chat_id),
      seq,
      kind,
      text: String(params.text ?? params.caption ?? ""),
      fileName,
      keyboard: keyboardOf(params.reply_markup),
      forceReply: (params.reply_markup as { force_reply?: boolean } | undefined)?.force_reply === true,
      replyTo: (params.reply_parameters as { message_id?: number } | undefined)?.message_id ?? null,
      at: Date.now(),
    };
    messages.push(message);
    const chat = { id: message.chatId, type: message.chatId < 0 ? "supergroup" : "private" };
    const media =
      kind === "photo"
        ? {
            photo: [
              {
                file_id: `sent-${message.messageId}`,
                file_unique_id: `u${message.messageId}`,
                width: 1,
                height: 1,
              },
            ],
          }
        : kind === "document"
          ? {
              document: {
                file_id: `sent-${message.messageId}`,
                file_unique_id: `u${message.messageId}`,
                file_name: fileName,
              },
            }
          : { text: message.text };
    return {
      message_id: message.messageId,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: FAKE_BOT,
      ...media,
    };
  };

  const takeUpdates = async (params: Record<string, unknown>, req: IncomingMessage): Promise<unknown[]> => {
    const offset = Number(params.offset ?? 0);
    // Asking from an offset confirms every update before it, as in the real API.
    while (updates.length > 0 && Number(updates[0]!.update_id) < offset) updates.shift();
    const timeoutMs = Math.min(Number(params.timeout ?? 0), 50) * 1000;
    if (updates.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiting.add(done);
        req.socket.once("close", done);
      });
    }
    return updates.slice(0, Number(params.limit ?? 100));
  };

  const methods: Record<
    string,
    (params: Record<string, unknown>, files: UploadedFile[], seq: number, req: IncomingMessage) => unknown
  > = {
    getMe: () => FAKE_BOT,
    sendMessage: (params, _files, seq) => post("text", params, seq, null),
    sendPhoto: (params, files, seq) => post("photo", params, seq, files[0]?.fileName ?? null),
    sendDocument: (params, files, seq) => post("document", params, seq, files[0]?.fileName ?? null),
    answerCallbackQuery: () => true,
    editMessageReplyMarkup: (params) => {
      const message = messages.find(
        (m) => m.messageId === Number(params.message_id) && m.chatId === Number(params.chat_id),
      );
      if (message) message.keyboard = keyboardOf(params.reply_markup);
      return true;
    },
    setMyCommands: () => true,
    setWebhook: (params) => {
      webhook = { url: String(params.url ?? ""), secret: params.secret_token as string | undefined };
      return true;
    },
    deleteWebhook: () => {
      webhook = { url: "", secret: undefined };
      return true;
    },
    getWebhookInfo: () => ({
      url: webhook.url,
      has_custom_certificate: false,
      pending_update_count: updates.length,
    }),
    getFile: (params) => {
      const file = stored.get(String(params.file_id));
      if (!file)
        return { error: { ok: false, error_code: 400, description: "Bad Request: invalid file_id" } };
      return {
        file_id: params.file_id,
        file_unique_id: file.uniqueId,
        file_size: file.reportedSize,
        file_path: file.path,
      };
    },
    getUpdates: (params, _files, _seq, req) => takeUpdates(params, req),
  };

  const handleMethod = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    const { params, files } = await readParams(req);
    const call: BotApiCall = { seq: calls.length + 1, method, params, files, at: Date.now(), status: 0 };
    calls.push(call);
    const seq = call.seq;
    const record = (status: number) => {
      call.status = status;
    };
    const fault = faultFor(method, params);
    if (fault && isTransportFault(fault)) {
      record(0);
      return actOut(res, fault);
    }
    if (fault) {
      record(fault.error_code);
      return send(res, fault.error_code, fault);
    }
    const handler = methods[method];
    if (!handler) {
      record(404);
      return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
    const result = await handler(params, files, seq, req);
    const error = (result as { error?: BotApiError } | null)?.error;
    record(error?.error_code ?? 200);
    if (error) return send(res, error.error_code, error);
    if (!res.destroyed) send(res, 200, { ok: true, result });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const api = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    const token = api?.[1] ?? download?.[1];
    if (token !== options.token)
      return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    if (download && req.method === "GET") {
      downloads.push(decodeURIComponent(download[2]!));
      const file = [...stored.values()].find((f) => f.path === decodeURIComponent(download[2]!));
      if (!file) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return res.end(file.bytes);
    }
    if (api && req.method === "POST") return void handleMethod(req, res, api[2]!).catch(() => res.destroy());
    send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("fake Telegram API has no address");

  return {
    url: `http://127.0.0.1:${address.port}`,
    calls: (): readonly BotApiCall[] => calls,
    callsOf: (method: string): BotApiCall[] => calls.filter((c) => c.method === method),
    /** File paths downloaded from /file/bot<token>/, in order. */
    downloads: (): readonly string[] => downloads,
    /** Messages the bot sent, in order; to one chat when given. */
    messages: (chatId?: number): readonly ChatMessage[] =>
      chatId === undefined ? messages : messages.filter((m) => m.chatId === chatId),
    /** A file a person could send: getFile and the download path serve it. `reportedSize` lies about its size if given. */
    storeFile(bytes: Uint8Array, reportedSize = bytes.byteLength) {
      const id = `file-${randomBytes(6).toString("hex")}`;
      const uniqueId = `u-${randomBytes(4).toString("hex")}`;
      stored.set(id, { bytes, path: `documents/${id}.bin`, uniqueId, reportedSize });
      return { file_id: id, file_unique_id: uniqueId, file_size: reportedSize };
    },
    /** Answers the next `times` calls of `method` (that `match`) with `error`, or hangs or resets them. */
    fault(
      method: string,
      error: BotApiError | TransportFault,
      opts: { times?: number; match?: (params: Record<string, unknown>) => boolean } = {},
    ) {
      rules.push({ method, error, times: opts.times ?? 1, match: opts.match ?? (() => true) });
    },
    clearFaults: () => void rules.splice(0),
    /** Queues an update for getUpdates (long polling). */
    pushUpdate(update: Record<string, unknown>) {
      updates.push(update);
      for (const wake of [...waiting]) wake();
    },
    webhook: () => webhook,
    async close(): Promise<void> {
      for (const wake of [...waiting]) wake();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

export type FakeTelegramApi = Awaited<ReturnType<typeof startFakeTelegramApi>>;
