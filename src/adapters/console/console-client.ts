import { randomUUID } from "node:crypto";
import { connect, type Socket } from "node:net";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { Lang } from "../../core/i18n/lang.js";
import type { Channel } from "../../core/ticket/channel.js";
import { readConsoleFiles } from "./console-files.js";
import { parseConsoleLine } from "./console-line.js";
import type { ClientMessage, ServerMessage } from "./console-wire.js";

const WORDS: Record<Lang, { started: string; lost: string; back: string }> = {
  en: {
    started:
      "chat started through the service: type as the contact would. /file PATH [-- caption] attaches, /tap ID presses a button, /quit leaves. Notifications appear here as they happen.",
    lost: "(the service is not answering; reconnecting... your last line will be sent again)",
    back: "(connected to the service again)",
  },
  "pt-BR": {
    started:
      "conversa iniciada pelo serviço: escreva como o contato escreveria. /file CAMINHO [-- legenda] anexa, /tap ID aperta um botão, /quit sai. Os avisos aparecem aqui quando acontecem.",
    lost: "(o serviço não está respondendo; reconectando... sua última linha será enviada de novo)",
    back: "(conectado ao serviço de novo)",
  },
};

export interface RemoteChatOptions {
  readonly socketPath: string;
  readonly identity: {
    readonly channel: Channel;
    readonly platformUserId: string;
    readonly displayName: string;
  };
  readonly locale: string | null;
  readonly lang: Lang;
  readonly input: Readable;
  readonly write: (text: string) => void;
  readonly maxFileBytes: number;
  /** Between attempts to reach a restarting service. */
  readonly retryMs?: number;
}

class ConnectionLost extends Error {}

interface Connection {
  request(message: ClientMessage & { t: "input" }): Promise<string>;
  readonly closed: Promise<void>;
  close(): void;
}

const prefix = (text: string) => text.replace(/^/gm, "bot> ");

/** Whether a service answers on the console socket (then `chat` goes through it). */
export const serviceAnswers = (socketPath: string): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = connect(socketPath, () => {
      probe.destroy();
      resolve(true);
    });
    probe.on("error", () => resolve(false));
  });

const open = (options: RemoteChatOptions): Promise<Connection> =>
  new Promise((resolve, reject) => {
    const socket: Socket = connect(options.socketPath);
    const pending = new Map<string, { resolve: (text: string) => void; reject: (e: Error) => void }>();
    let closedResolve!: () => void;
    const closed = new Promise<void>((r) => {
      closedResolve = r;
    });
    // Before "ready" an error means no service here (yet); after it, the close handler reports the loss.
    socket.on("error", (error) => {
      reject(error);
      socket.destroy();
    });
    socket.on("close", () => {
      for (const p of pending.values()) p.reject(new ConnectionLost());
      pending.clear();
      closedResolve();
    });
    const reader = createInterface({ input: socket, crlfDelay: Number.POSITIVE_INFINITY });
    // The socket's errors are handled above; readline repeats them.
    reader.on("error", () => {});
    reader.on("line", (line) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(line) as ServerMessage;
      } catch {
        return;
      }
      if (message.t === "ready") {
        resolve({
          request(input) {
            return new Promise((res, rej) => {
              pending.set(input.id, { resolve: res, reject: rej });
              socket.write(`${JSON.stringify(input)}\n`);
            });
          },
          closed,
          close: () => socket.destroy(),
        });
      } else if (message.t === "notice") options.write(prefix(message.text));
      else if (message.t === "reply") {
        pending.get(message.id)?.resolve(message.text);
        pending.delete(message.id);
      } else options.write(message.text);
    });
    const hello: ClientMessage = { t: "hello", ...options.identity, locale: options.locale };
    socket.write(`${JSON.stringify(hello)}\n`);
  });

/**
 * The terminal chat as a client of the running service: lines go to the service's conversation
 * engine, notifications arrive while the chat is open, and a restarted service is reconnected to,
 * the unanswered line sent again under the same id (the engine drops a repeat).
 */
export const runRemoteConsoleChat = async (options: RemoteChatOptions): Promise<void> => {
  const words = WORDS[options.lang];
  const retryMs = options.retryMs ?? 1000;
  let quitting = false;
  let current: Promise<Connection> | null = null;
  let live: Connection | null = null;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const reconnect = async (): Promise<Connection> => {
    for (;;) {
      try {
        live = await open(options);
        return live;
      } catch {
        await sleep(retryMs);
      }
    }
  };
  const connection = (): Promise<Connection> => {
    if (!current) {
      current = reconnect();
      void current.then((c) =>
        c.closed.then(() => {
          current = null;
          if (quitting) return;
          options.write(words.lost);
          void connection().then(() => options.write(words.back));
        }),
      );
    }
    return current;
  };

  const first = await open(options);
  live = first;
  current = Promise.resolve(first);
  void first.closed.then(() => {
    current = null;
    if (quitting) return;
    options.write(words.lost);
    void connection().then(() => options.write(words.back));
  });
  options.write(words.started);

  const lines = createInterface({ input: options.input, terminal: false });
  for await (const raw of lines) {
    const line = parseConsoleLine(raw);
    if (line.kind === "quit") break;
    if (line.kind === "empty") continue;
    let message: ClientMessage & { t: "input" };
    if (line.kind === "files") {
      const read = await readConsoleFiles(line.paths, options.maxFileBytes);
      if (!read.ok) {
        options.write(read.problem);
        continue;
      }
      message = {
        t: "input",
        id: randomUUID(),
        input: {
          kind: "files",
          files: read.files.map((f) => ({
            fileName: f.fileName,
            base64: Buffer.from(f.bytes).toString("base64"),
          })),
          ...(line.caption ? { caption: line.caption } : {}),
        },
      };
    } else {
      const input = line.input;
      message = {
        t: "input",
        id: randomUUID(),
        input:
          input.kind === "text"
            ? { kind: "text", text: input.text }
            : input.kind === "choice"
              ? { kind: "choice", id: input.id }
              : input.kind === "command"
                ? { kind: "command", name: input.name, args: [...input.args] }
                : { kind: "text", text: "" },
      };
    }
    for (;;) {
      try {
        options.write(prefix(await (await connection()).request(message)));
        break;
      } catch (error) {
        if (!(error instanceof ConnectionLost)) throw error;
        await sleep(retryMs);
      }
    }
  }
  quitting = true;
  lines.close();
  live?.close();
};
