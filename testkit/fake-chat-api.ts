import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * A chat platform on 127.0.0.1 for delivery tests. POST /send posts a message (visible at once,
 * even if the answer then fails to arrive); GET /lookup?key= finds a message by the client's
 * idempotency key, as platforms that allow checking do. Faults are injected per call.
 */
export type Fault =
  | {
      readonly kind: "status";
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
    }
  /** Never answers: the client's timeout fires. */
  | { readonly kind: "hang" }
  /** Drops the connection without an answer. */
  | { readonly kind: "reset" }
  /** Posts the message, then never answers: the worst case for duplicates. */
  | { readonly kind: "accept-then-hang" }
  /** Posts the message, then drops the connection. */
  | { readonly kind: "accept-then-reset" }
  /** Answers normally after a pause. */
  | { readonly kind: "delay"; readonly ms: number };

export interface PostedMessage {
  readonly seq: number;
  readonly chat: string;
  readonly key: string;
  readonly text: string;
  readonly messageId: string;
}

export interface SendCall {
  readonly key: string;
  readonly chat: string;
  readonly fault: Fault["kind"] | "none";
}

export interface SendRequest {
  readonly chat: string;
  readonly key: string;
  readonly text: string;
}

type Rule = { match: (request: SendRequest, call: number) => boolean; fault: Fault; times: number };

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
};

export const startFakeChatApi = async () => {
  const messages: PostedMessage[] = [];
  const calls: SendCall[] = [];
  const rules: Rule[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;

  const faultFor = (request: SendRequest): Fault | null => {
    const rule = rules.find((r) => r.times > 0 && r.match(request, calls.length));
    if (!rule) return null;
    rule.times -= 1;
    return rule.fault;
  };

  const post = (request: SendRequest): PostedMessage => {
    seq += 1;
    const message = { seq, chat: request.chat, key: request.key, text: request.text, messageId: `m${seq}` };
    messages.push(message);
    return message;
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const handleSend = async (req: IncomingMessage, res: ServerResponse) => {
    const request = (await readJson(req)) as SendRequest;
    const fault = faultFor(request);
    calls.push({ key: request.key, chat: request.chat, fault: fault?.kind ?? "none" });
    switch (fault?.kind) {
      case "status":
        return json(res, fault.status, fault.body ?? { ok: false }, fault.headers);
      case "hang":
        return;
      case "reset":
        return req.socket.resetAndDestroy();
      case "accept-then-hang":
        post(request);
        return;
      case "accept-then-reset":
        post(request);
        return req.socket.resetAndDestroy();
      case "delay":
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        break;
      default:
        break;
    }
    json(res, 200, { ok: true, message_id: post(request).messageId });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/send")
      return void handleSend(req, res).catch(() => res.destroy());
    if (req.method === "GET" && url.pathname === "/lookup") {
      const found = messages.find((m) => m.key === url.searchParams.get("key"));
      return json(res, found ? 200 : 404, found ? { ok: true, message_id: found.messageId } : { ok: false });
    }
    json(res, 404, { ok: false });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("fake chat API has no address");

  return {
    url: `http://127.0.0.1:${address.port}`,
    /** Every message ever posted, in order (duplicates included: that is what a person would see). */
    messages: (): readonly PostedMessage[] => messages,
    /** Every /send call, faulted ones included. */
    calls: (): readonly SendCall[] => calls,
    /** Injects `fault` into the next `times` sends that `match` (all sends by default). */
    fault(
      fault: Fault,
      options: { times?: number; match?: (request: SendRequest, call: number) => boolean } = {},
    ) {
      rules.push({ fault, times: options.times ?? 1, match: options.match ?? (() => true) });
    },
    clearFaults: () => void rules.splice(0),
    /** How many times each key was posted. */
    countsByKey(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const m of messages) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
      return counts;
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

export type FakeChatApi = Awaited<ReturnType<typeof startFakeChatApi>>;
