import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { join } from "node:path";
import { actOut, isTransportFault, type TransportFault } from "./transport-fault.js";

/**
 * Meta's Graph API on 127.0.0.1, for the WhatsApp Cloud API channel: POST /<version>/<phone id>/messages,
 * POST /<version>/<phone id>/media (multipart), GET /<version>/<media id> and the media download URL.
 * Answers use the documented shapes (test/fixtures/whatsapp/*-response.json); every call is recorded
 * and refusals can be injected with Meta's error codes.
 */
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../test/fixtures/whatsapp", name), "utf8")) as Record<
    string,
    unknown
  >;

export interface SentMessage {
  readonly seq: number;
  readonly wamid: string;
  readonly to: string;
  readonly type: string;
  /** The request body as posted. */
  readonly body: Record<string, unknown>;
}

export interface Upload {
  readonly id: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export interface GraphFault {
  readonly status: number;
  readonly code: number;
  readonly title?: string;
  readonly retryAfterSeconds?: number;
}

type Rule = {
  fault: GraphFault | TransportFault;
  times: number;
  match: (message: Record<string, unknown>) => boolean;
};

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

export const startFakeGraphApi = async (options: {
  accessToken: string;
  phoneNumberId: string;
  version?: string;
}) => {
  const version = options.version ?? "v24.0";
  const messages: SentMessage[] = [];
  const uploads: Upload[] = [];
  const inbound = new Map<string, { bytes: Uint8Array; mimeType: string; announcedSize?: number }>();
  const downloads: string[] = [];
  const rules: Rule[] = [];
  // Sends held back until the test lets them through (then answered as Meta accepts them).
  const gates: {
    match: (message: Record<string, unknown>) => boolean;
    waiting: (() => void)[];
    open: boolean;
  }[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;
  let hung = 0;
  let base = "";

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const graphError = (res: ServerResponse, fault: GraphFault) => {
    const template = fixture("error-response.json") as { error: Record<string, unknown> };
    const title = fault.title ?? `error ${fault.code}`;
    json(
      res,
      fault.status,
      {
        error: {
          ...template.error,
          message: `(#${fault.code}) ${title}`,
          code: fault.code,
          error_data: { messaging_product: "whatsapp", details: title },
        },
      },
      fault.retryAfterSeconds ? { "retry-after": String(fault.retryAfterSeconds) } : {},
    );
  };

  const sendMessage = async (res: ServerResponse, body: Record<string, unknown>) => {
    const gate = gates.find((g) => !g.open && g.match(body));
    if (gate) await new Promise<void>((resolve) => gate.waiting.push(resolve));
    const rule = rules.find((r) => r.times > 0 && r.match(body));
    if (rule) {
      rule.times -= 1;
      if (isTransportFault(rule.fault) && rule.fault.kind === "hang") {
        hung += 1;
        res.on("close", () => {
          hung -= 1;
        });
      }
      return isTransportFault(rule.fault) ? actOut(res, rule.fault) : graphError(res, rule.fault);
    }
    seq += 1;
    const wamid = `wamid.fake${String(seq).padStart(6, "0")}`;
    // A BSUID goes in `recipient` when no phone number is known (Meta's usernames changes).
    const to = String(body.to ?? body.recipient);
    messages.push({ seq, wamid, to, type: String(body.type), body });
    const answer = fixture("send-message-response.json") as {
      contacts: { input: string; wa_id: string }[];
      messages: { id: string }[];
    };
    json(res, 200, {
      ...answer,
      contacts: [body.to ? { input: to, wa_id: to } : { input: to, user_id: to }],
      messages: [{ ...answer.messages[0], id: wamid }],
    });
  };

  const upload = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const form = await new Request("http://fake/", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: raw,
    }).formData();
    const file = form.get("file");
    if (!(file instanceof File) || form.get("messaging_product") !== "whatsapp")
      return graphError(res, { status: 400, code: 100, title: "Invalid parameter" });
    const id = `upload${uploads.length + 1}`;
    uploads.push({
      id,
      fileName: file.name,
      mimeType: String(form.get("type")),
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    json(res, 200, { ...fixture("media-upload-response.json"), id });
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    if (req.headers.authorization !== `Bearer ${options.accessToken}`) {
      return graphError(res, { status: 401, code: 190, title: "Invalid OAuth access token" });
    }
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] === "download" && req.method === "GET") {
      const media = inbound.get(parts[1] ?? "");
      if (!media) return graphError(res, { status: 404, code: 100, title: "Unknown media" });
      downloads.push(parts[1]!);
      res.writeHead(200, { "content-type": media.mimeType });
      return res.end(Buffer.from(media.bytes));
    }
    if (parts[0] !== version) return graphError(res, { status: 400, code: 2500, title: "Unknown path" });
    if (parts[1] === options.phoneNumberId && parts[2] === "messages" && req.method === "POST") {
      return sendMessage(res, JSON.parse(raw.toString("utf8")) as Record<string, unknown>);
    }
    if (parts[1] === options.phoneNumberId && parts[2] === "media" && req.method === "POST")
      return upload(req, res, raw);
    const media = req.method === "GET" && parts.length === 2 ? inbound.get(parts[1]!) : undefined;
    if (media) {
      const template = fixture("media-url-response.json");
      return json(res, 200, {
        ...template,
        id: parts[1],
        url: `${base}/download/${parts[1]}`,
        mime_type: media.mimeType,
        sha256: createHash("sha256").update(media.bytes).digest("hex"),
        file_size: String(media.announcedSize ?? media.bytes.byteLength),
      });
    }
    graphError(res, { status: 400, code: 100, title: "Unsupported request" });
  };

  const server: Server = createServer((req, res) => void route(req, res).catch(() => res.destroy()));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("fake Graph API has no address");
  base = `http://127.0.0.1:${address.port}`;

  return {
    /** What WHATSAPP_GRAPH_API_URL points at. */
    url: `${base}/${version}`,
    messages: (): readonly SentMessage[] => messages,
    messagesTo: (to: string): readonly SentMessage[] => messages.filter((m) => m.to === to),
    uploads: (): readonly Upload[] => uploads,
    /** Media ids whose bytes were downloaded. */
    downloads: (): readonly string[] => downloads,
    /** A file a supplier sent: its id goes in the webhook, its bytes are served on request. */
    addInboundMedia(id: string, bytes: Uint8Array, mimeType: string, announcedSize?: number): void {
      inbound.set(id, { bytes, mimeType, ...(announcedSize === undefined ? {} : { announcedSize }) });
    },
    /** Refuses the next `times` messages that `match` with Meta's error `code`, or hangs or resets them. */
    fail(
      fault: GraphFault | TransportFault,
      options: { times?: number; match?: (message: Record<string, unknown>) => boolean } = {},
    ): void {
      rules.push({ fault, times: options.times ?? 1, match: options.match ?? (() => true) });
    },
    clearFaults: () => void rules.splice(0),
    /**
     * Holds back the sends that `match` until `release()`, then accepts them as usual: a send that
     * takes its time at Meta, for what happens on our side meanwhile.
     */
    pause(match: (message: Record<string, unknown>) => boolean) {
      const gate = { match, waiting: [] as (() => void)[], open: false };
      gates.push(gate);
      return {
        waiting: () => gate.waiting.length,
        release: () => {
          gate.open = true;
          for (const go of gate.waiting.splice(0)) go();
        },
      };
    },
    /** Sends hanging right now (a hang fault holds them until the fake closes). */
    hanging: () => hung,
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

export type FakeGraphApi = Awaited<ReturnType<typeof startFakeGraphApi>>;

/** One sent message as the supplier would read it, for transcripts. */
export const readable = (message: SentMessage): string => {
  const body = message.body as {
    text?: { body: string };
    interactive?: {
      type: string;
      body: { text: string };
      action: {
        buttons?: { reply: { title: string } }[];
        button?: string;
        sections?: { rows: { title: string }[] }[];
      };
    };
    template?: { name: string; language: { code: string } };
    image?: { id: string };
    document?: { id: string; filename: string };
  };
  if (body.text) return body.text.body;
  if (body.interactive?.type === "button") {
    return `${body.interactive.body.text}\n${(body.interactive.action.buttons ?? []).map((b) => `[${b.reply.title}]`).join(" ")}`;
  }
  if (body.interactive?.type === "list") {
    const rows = (body.interactive.action.sections ?? []).flatMap((s) => s.rows).map((r) => `  • ${r.title}`);
    return `${body.interactive.body.text}\n[${body.interactive.action.button}]\n${rows.join("\n")}`;
  }
  if (body.template) return `<template ${body.template.name} (${body.template.language.code})>`;
  if (body.image) return `<image ${body.image.id}>`;
  if (body.document) return `<document ${body.document.filename}>`;
  return `<${message.type}>`;
};
