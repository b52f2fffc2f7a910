import { randomBytes } from "node:crypto";

/** A fake Slack workspace's state and the Web API methods over it, served by fake-slack-api.ts. */
export interface SlackCall {
  readonly seq: number;
  readonly method: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The bearer token the call carried. */
  readonly token: string | null;
  readonly status: number;
  readonly error: string | null;
}

export interface SlackMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string | null;
  text: string;
  blocks: unknown[];
  readonly user: string;
  readonly files: readonly { id: string; name: string }[];
  updates: number;
}

export interface Upload {
  readonly id: string;
  readonly fileName: string;
  bytes: Uint8Array;
  channel: string | null;
  threadTs: string | null;
}

export interface HostedFile {
  readonly id: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mimetype: string;
  /** What Slack says the size is (a liar may claim less). */
  readonly size: number;
}

/** A 429 with Retry-After, a platform error, or no answer at all (the call hangs until the fake closes). */
export type Fault =
  | { readonly status: 429; readonly retryAfter: number }
  | { readonly error: string }
  | { readonly hang: true };
export type FaultRule = {
  method: string;
  match: (args: Record<string, unknown>) => boolean;
  fault: Fault;
  times: number;
};

export const FAKE_TEAM = { id: "T0CHAMADO", domain: "chamado-test" } as const;
export const FAKE_BOT_USER = "U0BOT";
export const FAKE_BOT_ID = "B0BOT";

export type MethodAnswer = Record<string, unknown> | { error: string };

/** Everything the workspace holds, as a person would see it, and the methods that change it. */
export const createFakeWorkspace = (baseUrl: () => string) => {
  const messages: SlackMessage[] = [];
  const ephemerals: {
    channel: string;
    user: string;
    text: string;
    threadTs: string | null;
    blocks: Record<string, unknown>[];
  }[] = [];
  const reactions = new Map<string, Set<string>>();
  const views: { method: string; view: Record<string, unknown>; userId: string | null; id: string }[] = [];
  const uploads = new Map<string, Upload>();
  const hosted = new Map<string, HostedFile>();
  const members = new Map<string, string[]>();
  const groups = new Map<string, string[]>();
  const users = new Map<string, { name: string; locale: string; isBot: boolean }>();
  let seq = 0;
  // Near the real clock, as Slack's ts are: conversations.history's `oldest` reads them as times.
  let clock = Math.floor(Date.now() / 1000);

  const nextTs = () => `${clock++}.${String(++seq).padStart(6, "0")}`;
  const reactionKey = (channel: string, ts: string) => `${channel}/${ts}`;

  const post = (
    args: Record<string, unknown>,
    user = FAKE_BOT_USER,
    files: SlackMessage["files"] = [],
  ): SlackMessage => {
    const message: SlackMessage = {
      channel: String(args.channel),
      ts: nextTs(),
      threadTs: typeof args.thread_ts === "string" ? args.thread_ts : null,
      text: String(args.text ?? ""),
      blocks: Array.isArray(args.blocks) ? args.blocks : [],
      user,
      files,
      updates: 0,
    };
    messages.push(message);
    return message;
  };

  const wire = (m: SlackMessage) => ({
    type: "message",
    user: m.user,
    text: m.text,
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(m.files.length > 0
      ? {
          files: m.files.map((f) =>
            fileObject(hosted.get(f.id) ?? { ...f, bytes: new Uint8Array(), mimetype: "", size: 0 }),
          ),
        }
      : {}),
  });

  const fileObject = (f: HostedFile) => ({
    id: f.id,
    name: f.name,
    title: f.name,
    mimetype: f.mimetype,
    size: f.size,
    mode: "hosted",
    url_private: `${baseUrl()}/files/${f.id}/${encodeURIComponent(f.name)}`,
    url_private_download: `${baseUrl()}/files/${f.id}/download/${encodeURIComponent(f.name)}`,
  });

  const methods: Record<string, (args: Record<string, unknown>) => MethodAnswer> = {
    "auth.test": () => ({
      user_id: FAKE_BOT_USER,
      bot_id: FAKE_BOT_ID,
      team_id: FAKE_TEAM.id,
      team: "Chamado Test",
      url: `https://${FAKE_TEAM.domain}.slack.com/`,
    }),
    "chat.postMessage": (args) => {
      const m = post(args);
      return { channel: m.channel, ts: m.ts, message: wire(m) };
    },
    "chat.update": (args) => {
      const m = messages.find((x) => x.channel === args.channel && x.ts === args.ts);
      if (!m) return { error: "message_not_found" };
      m.text = String(args.text ?? m.text);
      m.blocks = Array.isArray(args.blocks) ? args.blocks : m.blocks;
      m.updates += 1;
      return { channel: m.channel, ts: m.ts };
    },
    "chat.postEphemeral": (args) => {
      ephemerals.push({
        channel: String(args.channel),
        user: String(args.user),
        text: String(args.text ?? ""),
        threadTs: (args.thread_ts as string) ?? null,
        blocks: Array.isArray(args.blocks) ? (args.blocks as Record<string, unknown>[]) : [],
      });
      return { message_ts: nextTs() };
    },
    "views.open": (args) => {
      const id = `V${++seq}`;
      views.push({ method: "views.open", view: args.view as Record<string, unknown>, userId: null, id });
      return { view: { id, hash: `h${seq}` } };
    },
    "views.update": (args) => {
      views.push({
        method: "views.update",
        view: args.view as Record<string, unknown>,
        userId: null,
        id: String(args.view_id),
      });
      return { view: { id: args.view_id } };
    },
    "views.publish": (args) => {
      views.push({
        method: "views.publish",
        view: args.view as Record<string, unknown>,
        userId: String(args.user_id),
        id: `V${++seq}`,
      });
      return { view: { id: `V${seq}` } };
    },
    "conversations.members": (args) => ({
      members: members.get(String(args.channel)) ?? [],
      response_metadata: { next_cursor: "" },
    }),
    "conversations.open": (args) => ({ channel: { id: `D${String(args.users)}` } }),
    "conversations.history": (args) => ({
      messages: messages
        .filter((m) => m.channel === args.channel && m.threadTs === null && m.ts === args.latest)
        .map(wire),
    }),
    "conversations.replies": (args) => ({
      messages: messages
        .filter((m) => m.channel === args.channel && (m.ts === args.ts || m.threadTs === args.ts))
        .map(wire),
    }),
    "users.info": (args) => {
      const id = String(args.user);
      const user = users.get(id) ?? { name: id, locale: "en-US", isBot: false };
      return {
        user: {
          id,
          name: user.name.toLowerCase(),
          real_name: user.name,
          is_bot: user.isBot,
          locale: user.locale,
          profile: { display_name: user.name, real_name: user.name },
        },
      };
    },
    "usergroups.users.list": (args) => ({ users: groups.get(String(args.usergroup)) ?? [] }),
    "reactions.add": (args) => {
      const key = reactionKey(String(args.channel), String(args.timestamp));
      const set = reactions.get(key) ?? new Set<string>();
      if (set.has(String(args.name))) return { error: "already_reacted" };
      set.add(String(args.name));
      reactions.set(key, set);
      return {};
    },
    "reactions.remove": (args) => {
      const set = reactions.get(reactionKey(String(args.channel), String(args.timestamp)));
      if (!set?.delete(String(args.name))) return { error: "no_reaction" };
      return {};
    },
    "files.getUploadURLExternal": (args) => {
      const id = `F${randomBytes(4).toString("hex").toUpperCase()}`;
      uploads.set(id, {
        id,
        fileName: String(args.filename),
        bytes: new Uint8Array(),
        channel: null,
        threadTs: null,
      });
      return { upload_url: `${baseUrl()}/upload/${id}`, file_id: id };
    },
    "files.completeUploadExternal": (args) => {
      const files = (args.files as { id: string }[]) ?? [];
      for (const f of files) {
        const upload = uploads.get(f.id);
        if (upload)
          Object.assign(upload, { channel: args.channel_id ?? null, threadTs: args.thread_ts ?? null });
      }
      return { files: files.map((f) => ({ id: f.id })) };
    },
    "files.info": (args) => {
      const file = hosted.get(String(args.file));
      return file ? { file: fileObject(file) } : { error: "file_not_found" };
    },
  };

  return {
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
  };
};

export type FakeWorkspace = ReturnType<typeof createFakeWorkspace>;
