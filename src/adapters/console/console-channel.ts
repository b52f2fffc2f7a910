import { randomUUID } from "node:crypto";
import { chmod, mkdir, unlink } from "node:fs/promises";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Logger } from "pino";
import { type ConversationEngine, type EngineReply, renderAsText } from "../../core/conversation/index.js";
import { type Lang, langFromLocale } from "../../core/i18n/index.js";
import { heldUntilReleased, permanentFailure, sent } from "../../core/outbox/delivery.js";
import { DIALOGUE_ANSWER, parseOutboxPayload } from "../../core/outbox/payloads.js";
import { type RequesterPayload, requesterNotice } from "../../core/outbox/requester-notice.js";
import type { ChannelSender } from "../../core/ports/channel-sender.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { OutboxQueue } from "../../core/ports/outbox-queue.js";
import { type ClientMessage, CONSOLE_SOCKET, clientMessage, type ServerMessage } from "./console-wire.js";

export interface ConsoleChannelDeps {
  readonly engine: ConversationEngine;
  readonly directory: DirectoryRepository;
  readonly outbox: OutboxQueue;
  readonly dataDir: string;
  readonly defaultLang: Lang;
  readonly timeZone: string;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** A notification for a contact with no chat open waits this long before it is looked at again. */
const RECHECK_MS = 60 * 60_000;

const render = (reply: EngineReply): string => reply.prompts.map(renderAsText).join("\n\n");

/**
 * The terminal chat as a channel of the service: `cli -- chat` connects to an owner-only Unix socket
 * in DATA_DIR/run, its lines run through the service's conversation engine like any platform's
 * messages, and the outbox delivers notifications to the open chat. With no chat open a notification
 * is held; opening one releases it, so it is waiting there.
 */
export const createConsoleChannel = (deps: ConsoleChannelDeps) => {
  const sessions = new Map<string, Set<Socket>>();
  const keyOf = (channel: string, platformUserId: string) => `${channel}:${platformUserId}`;
  const write = (socket: Socket, message: ServerMessage) => {
    if (socket.writable) socket.write(`${JSON.stringify(message)}\n`);
  };

  const handle = async (
    socket: Socket,
    hello: Extract<ClientMessage, { t: "hello" }>,
    message: ClientMessage,
  ) => {
    if (message.t !== "input") return;
    const input =
      message.input.kind === "files"
        ? {
            kind: "files" as const,
            files: message.input.files.map((f) => ({
              fileName: f.fileName,
              bytes: Buffer.from(f.base64, "base64"),
            })),
            ...(message.input.caption ? { caption: message.input.caption } : {}),
          }
        : message.input;
    const reply = await deps.engine.handle({
      channel: hello.channel,
      messageId: `console-${message.id}`,
      from: { platformUserId: hello.platformUserId, displayName: hello.displayName, locale: hello.locale },
      input,
      receivedAt: deps.now(),
    });
    write(socket, { t: "reply", id: message.id, text: render(reply) });
  };

  const serve = (socket: Socket) => {
    let hello: Extract<ClientMessage, { t: "hello" }> | null = null;
    let chain = Promise.resolve();
    const lines = createInterface({ input: socket, crlfDelay: Number.POSITIVE_INFINITY });
    socket.on("error", () => socket.destroy());
    lines.on("error", () => {});
    lines.on("line", (line) => {
      let parsed: ReturnType<typeof clientMessage.safeParse>;
      try {
        parsed = clientMessage.safeParse(JSON.parse(line));
      } catch {
        return write(socket, { t: "error", text: "not a JSON line" });
      }
      if (!parsed.success) return write(socket, { t: "error", text: "not a console message" });
      const message = parsed.data;
      if (message.t === "hello") {
        hello = message;
        const key = keyOf(message.channel, message.platformUserId);
        const open = sessions.get(key) ?? new Set<Socket>();
        open.add(socket);
        sessions.set(key, open);
        socket.on("close", () => {
          open.delete(socket);
          if (open.size === 0) sessions.delete(key);
        });
        write(socket, { t: "ready" });
        // What waited for this chat goes now.
        void deps.directory
          .findContact(message.channel, message.platformUserId)
          .then((contact) => (contact ? deps.outbox.releaseHeld(`contact:${contact.id}`, deps.now()) : 0))
          .catch((error: unknown) =>
            deps.logger.warn({ err: error }, "console: could not release held notifications"),
          );
        return;
      }
      const session = hello;
      if (!session) return write(socket, { t: "error", text: "say hello first" });
      // One line at a time per chat, as typed.
      chain = chain.then(() =>
        handle(socket, session, message).catch((error: unknown) => {
          deps.logger.error({ err: error }, "console: a chat line failed");
          write(socket, { t: "error", text: "the service could not handle that line; try again" });
        }),
      );
    });
  };

  const sender: ChannelSender = {
    channel: "CONSOLE",
    async send(item) {
      const parsed = parseOutboxPayload(item);
      if (!parsed.ok) return permanentFailure(`invalid payload: ${parsed.error.issues.join("; ")}`);
      const payload = parsed.value;
      if (payload.kind === DIALOGUE_ANSWER || ("audience" in payload && payload.audience === "agents"))
        return permanentFailure(`${item.kind} is not for the console`);
      const requester = payload as RequesterPayload | Extract<typeof payload, { kind: "rating_request" }>;
      const contact = await deps.directory.findContactById(requester.contactId);
      if (!contact) return permanentFailure(`contact ${requester.contactId} no longer exists`);
      const open = sessions.get(keyOf(contact.channel, contact.platformUserId));
      if (!open || open.size === 0) return heldUntilReleased("no chat open for this contact", RECHECK_MS);
      let text: string;
      if (requester.kind === "rating_request") {
        const question = await deps.engine.requestRating(contact.id, requester.ticket.number);
        if (!question) return sent("none:no-longer-ratable");
        text = render(question);
      } else {
        const lang =
          requester.kind === "conversation.expired"
            ? requester.lang
            : (langFromLocale(contact.locale) ?? deps.defaultLang);
        text = requesterNotice(requester, lang, deps.timeZone).map(renderAsText).join("\n\n");
      }
      for (const socket of open) write(socket, { t: "notice", text });
      return sent(`console:${randomUUID()}`);
    },
  };

  let server: Server | undefined;
  return {
    sender,
    async start() {
      const dir = join(deps.dataDir, "run");
      const path = join(dir, CONSOLE_SOCKET);
      // Linux's limit for a socket path: a deep DATA_DIR leaves the terminal chat off, not the service.
      if (Buffer.byteLength(path) > 107) {
        deps.logger.warn(
          { path },
          "console: DATA_DIR is too deep for the chat socket; terminal chats are off",
        );
        return;
      }
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      const listening = createServer(serve);
      if (!(await listen(listening, path))) {
        if (await answers(path)) {
          deps.logger.warn({ path }, "console: another service serves terminal chats for this DATA_DIR");
          return;
        }
        await unlink(path).catch(() => {});
        if (!(await listen(listening, path))) return;
      }
      await chmod(path, 0o600);
      server = listening;
      deps.logger.info({ path }, "console: terminal chats connect here");
    },
    async stop() {
      for (const open of sessions.values()) for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
};

const listen = (server: Server, path: string): Promise<boolean> =>
  new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      error.code === "EADDRINUSE" ? resolve(false) : reject(error);
    server.once("error", failed);
    server.listen(path, () => {
      server.off("error", failed);
      resolve(true);
    });
  });

const answers = (path: string): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = connect(path, () => {
      probe.destroy();
      resolve(true);
    });
    probe.on("error", () => resolve(false));
  });
