import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * Slack's Web API on 127.0.0.1, as far as chamado uses it (SLACK_API_URL points here). Methods are
 * POST /api/<method> with urlencoded, JSON or multipart bodies; file uploads (the URL that
 * files.getUploadURLExternal hands out), private file downloads and response_urls live here too.
 * Every call is recorded; messages, reactions and views are kept as a person would see them, and
 * errors (429 with Retry-After, platform errors) can be injected per method.
 */
import {
  createFakeWorkspace,
  FAKE_BOT_ID,
  FAKE_BOT_USER,
  type Fault,
  type FaultRule,
  type HostedFile,
  type SlackCall,
  type SlackMessage,
  type Upload,
} from "./fake-slack-workspace.js";

export {
  FAKE_BOT_ID,
  FAKE_BOT_USER,
  FAKE_TEAM,
  type HostedFile,
  type SlackCall,
  type SlackMessage,
  type Upload,
} from "./fake-slack-workspace.js";

/** App-defined message metadata, as chat.postMessage takes it and conversations.history gives it back. */
export interface SlackMetadata {
  readonly event_type: string;
  readonly event_payload: Record<string, unknown>;
}

const FAKE_APP_ID = "A0CHAMADO";

/** Slack's ts as a number that compares exactly: seconds and six decimals. */
const tsKey = (ts: string): bigint => {
  const [seconds = "0", fraction = ""] = ts.split(".");
  return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
};

const flag = (value: unknown) => value === true || value === "true" || value === "1" || value === 1;

/** Arguments the SDK sends as JSON strings inside a form. */
const JSON_ARGS = new Set(["blocks", "view", "files", "attachments", "metadata"]);

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const readArgs = async (
  req: IncomingMessage,
): Promise<{ args: Record<string, unknown>; blobs: Uint8Array[] }> => {
  const body = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  const args: Record<string, unknown> = {};
  const blobs: Uint8Array[] = [];
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(body, { headers: { "content-type": type } }).formData();
    for (const [key, value] of form.entries()) {
      if (typeof value === "string") args[key] = value;
      else blobs.push(new Uint8Array(await value.arrayBuffer()));
    }
  } else if (type.startsWith("application/json")) {
    Object.assign(args, body.length > 0 ? JSON.parse(body.toString("utf8")) : {});
  } else {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) args[key] = value;
  }
  for (const key of JSON_ARGS) if (typeof args[key] === "string") args[key] = JSON.parse(args[key] as string);
  return { args, blobs };
};

export const startFakeSlackApi = async (options: { token: string }) => {
  const calls: SlackCall[] = [];
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const downloads: string[] = [];
  const rules: FaultRule[] = [];
  const sockets = new Set<Socket>();
  let url = "";
  const ws = createFakeWorkspace(() => url);
  const {
    messages,
    ephemerals,
    reactions,
    reactionKey,
    views,
    uploads,
    hosted,
    members,
    groups,
    users,
    post,
    fileObject,
    methods,
  } = ws;

  const metadata = new Map<string, SlackMetadata>();
  const postMessage = methods["chat.postMessage"]!;
  methods["chat.postMessage"] = (args) => {
    const answer = postMessage(args);
    const meta = args.metadata as SlackMetadata | undefined;
    if (meta?.event_type && "ts" in answer)
      metadata.set(reactionKey(String(args.channel), String(answer.ts)), meta);
    return answer;
  };

  /** A top-level message as conversations.history lists it; the bot's carry bot_id and app_id. */
  const historyEntry = (m: SlackMessage, withMetadata: boolean) => {
    const meta = metadata.get(reactionKey(m.channel, m.ts));
    return {
      type: "message",
      user: m.user,
      text: m.text,
      ts: m.ts,
      ...(m.user === FAKE_BOT_USER ? { bot_id: FAKE_BOT_ID, app_id: FAKE_APP_ID } : {}),
      ...(m.blocks.length > 0 ? { blocks: m.blocks } : {}),
      ...(m.files.length > 0
        ? {
            files: m.files.map((f) =>
              fileObject(hosted.get(f.id) ?? { ...f, bytes: new Uint8Array(), mimetype: "", size: 0 }),
            ),
          }
        : {}),
      ...(withMetadata && meta ? { metadata: meta } : {}),
    };
  };

  // Newest first within oldest..latest; a cursor ("next_ts:<ts>", base64) resumes at the next older message.
  methods["conversations.history"] = (args) => {
    const inclusive = flag(args.inclusive);
    const after = (ts: string, bound: unknown) =>
      bound === undefined ||
      bound === "" ||
      (inclusive ? tsKey(ts) >= tsKey(String(bound)) : tsKey(ts) > tsKey(String(bound)));
    const before = (ts: string, bound: unknown) =>
      bound === undefined ||
      bound === "" ||
      (inclusive ? tsKey(ts) <= tsKey(String(bound)) : tsKey(ts) < tsKey(String(bound)));
    const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
    const resume =
      typeof args.cursor === "string" && args.cursor !== ""
        ? Buffer.from(args.cursor, "base64")
            .toString("utf8")
            .replace(/^next_ts:/, "")
        : null;
    const inRange = messages
      .filter((m) => m.channel === args.channel && m.threadTs === null)
      .filter((m) => after(m.ts, args.oldest) && before(m.ts, args.latest))
      .filter((m) => resume === null || tsKey(m.ts) <= tsKey(resume))
      .sort((a, b) => (tsKey(b.ts) > tsKey(a.ts) ? 1 : -1));
    const page = inRange.slice(0, limit);
    const next = inRange[limit];
    return {
      messages: page.map((m) => historyEntry(m, flag(args.include_all_metadata))),
      has_more: next !== undefined,
      pin_count: 0,
      response_metadata: {
        next_cursor: next ? Buffer.from(`next_ts:${next.ts}`).toString("base64") : "",
      },
    };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const faultFor = (method: string, args: Record<string, unknown>): Fault | null => {
    const rule = rules.find((r) => r.times > 0 && r.method === method && r.match(args));
    if (!rule) return null;
    rule.times -= 1;
    return rule.fault;
  };

  const handleMethod = async (req: IncomingMessage, res: ServerResponse, method: string) => {
    const { args } = await readArgs(req);
    const auth = req.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ")
      ? auth.slice(7)
      : typeof args.token === "string"
        ? args.token
        : null;
    const record = (status: number, error: string | null) =>
      calls.push({ seq: calls.length + 1, method, args, token, status, error });
    if (token !== options.token) {
      record(200, "invalid_auth");
      return send(res, 200, { ok: false, error: "invalid_auth" });
    }
    const fault = faultFor(method, args);
    if (fault && "hang" in fault) {
      record(0, "hung");
      return;
    }
    if (fault && "status" in fault) {
      record(429, "ratelimited");
      return send(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(fault.retryAfter) });
    }
    if (fault) {
      record(200, fault.error);
      return send(res, 200, { ok: false, error: fault.error });
    }
    const handler = methods[method];
    if (!handler) {
      record(200, "unknown_method");
      return send(res, 200, { ok: false, error: "unknown_method" });
    }
    const result = handler(args);
    const error = "error" in result ? String(result.error) : null;
    record(200, error);
    send(res, 200, error ? { ok: false, error } : { ok: true, ...result });
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const api = /^\/api\/([a-zA-Z.]+)$/.exec(path);
    const upload = /^\/upload\/([A-Z0-9]+)$/.exec(path);
    const download = /^\/files\/([A-Z0-9]+)\//.exec(path);
    const response = /^\/response\/([\w-]+)$/.exec(path);
    if (api && req.method === "POST") return void handleMethod(req, res, api[1]!).catch(() => res.destroy());
    if (upload && req.method === "POST") {
      return void readArgs(req).then(({ blobs }) => {
        const target = uploads.get(upload[1]!);
        if (!target || !blobs[0]) return send(res, 404, { ok: false });
        target.bytes = blobs[0];
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("OK - uploaded");
      });
    }
    if (download && req.method === "GET") {
      const file = hosted.get(download[1]!);
      downloads.push(download[1]!);
      if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, 403, { ok: false });
      if (!file) return send(res, 404, { ok: false });
      res.writeHead(200, { "content-type": file.mimetype });
      return void res.end(file.bytes);
    }
    if (response && req.method === "POST") {
      return void readBody(req).then((body) => {
        responses.push({
          id: response[1]!,
          body: JSON.parse(body.toString("utf8")) as Record<string, unknown>,
        });
        send(res, 200, { ok: true });
      });
    }
    send(res, 404, { ok: false, error: "not_found" });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("fake Slack API has no address");
  url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    calls: (method?: string): SlackCall[] => calls.filter((c) => method === undefined || c.method === method),
    /** Messages posted in a conversation (by the bot, or by people through `userPosts`), oldest first. */
    messages: (channel?: string): SlackMessage[] =>
      messages.filter((m) => channel === undefined || m.channel === channel),
    /** The metadata a message was posted with, if any. */
    metadataOf: (channel: string, ts: string): SlackMetadata | null =>
      metadata.get(reactionKey(channel, ts)) ?? null,
    thread: (channel: string, rootTs: string): SlackMessage[] =>
      messages.filter((m) => m.channel === channel && m.threadTs === rootTs),
    ephemerals: () => ephemerals,
    /** What was posted to response_urls, by the id in the URL. */
    responses: (id?: string) => responses.filter((r) => id === undefined || r.id === id),
    responseUrl: (id: string) => `${url}/response/${id}`,
    reactions: (channel: string, ts: string): string[] =>
      [...(reactions.get(reactionKey(channel, ts)) ?? [])].sort(),
    views: () => views,
    uploads: (): Upload[] => [...uploads.values()],
    /** Ids of the files fetched from the private download URLs. */
    downloads: (): string[] => downloads,
    /** A message a person posts (the event for it is sent by the test); its ts is Slack's. */
    userPosts(
      channel: string,
      user: string,
      text: string,
      threadTs?: string,
      files: readonly HostedFile[] = [],
    ): SlackMessage {
      for (const f of files) hosted.set(f.id, f);
      return post(
        { channel, text, ...(threadTs ? { thread_ts: threadTs } : {}) },
        user,
        files.map((f) => ({ id: f.id, name: f.name })),
      );
    },
    /** A file a person shared, downloadable with the bot token; `fileObject` is how Slack describes it. */
    hostFile(name: string, bytes: Uint8Array, mimetype: string, size = bytes.byteLength): HostedFile {
      const file = { id: `F${randomBytes(4).toString("hex").toUpperCase()}`, name, bytes, mimetype, size };
      hosted.set(file.id, file);
      return file;
    },
    fileObject,
    setMembers: (channel: string, ids: string[]) => void members.set(channel, ids),
    setUsergroup: (id: string, ids: string[]) => void groups.set(id, ids),
    setUser: (id: string, user: { name: string; locale?: string; isBot?: boolean }) =>
      void users.set(id, { name: user.name, locale: user.locale ?? "en-US", isBot: user.isBot ?? false }),
    /** Answers the next `times` calls of `method` (that `match`) with a 429 or a platform error. */
    fault(
      method: string,
      fault: Fault,
      opts: { times?: number; match?: (args: Record<string, unknown>) => boolean } = {},
    ) {
      rules.push({ method, fault, times: opts.times ?? 1, match: opts.match ?? (() => true) });
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

export type FakeSlackApi = Awaited<ReturnType<typeof startFakeSlackApi>>;
