import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import {
  type ConversationEngine,
  type EngineReply,
  type InboundMessage,
  optionsOf,
  renderAsText,
} from "../../core/conversation/index.js";
import type { Channel } from "../../core/ticket/channel.js";
import { readConsoleFiles } from "./console-files.js";
import { parseConsoleLine } from "./console-line.js";

export interface ConsoleChatOptions {
  readonly engine: ConversationEngine;
  /** Who the person at the terminal is: a contact on a channel (e.g. CONSOLE ana, TELEGRAM 123). */
  readonly identity: {
    readonly channel: Channel;
    readonly platformUserId: string;
    readonly displayName: string;
  };
  readonly locale?: string;
  readonly input: Readable;
  readonly write: (text: string) => void;
  readonly maxFileBytes: number;
  /** Show option ids next to the prompts, to try button payloads with /tap. */
  readonly showIds?: boolean;
}

const BANNER =
  "chat started: type as the contact would. /file PATH [-- caption] attaches, /tap ID presses a button, " +
  "/ids toggles option ids, /quit leaves.";

const render = (reply: EngineReply, showIds: boolean): string =>
  reply.prompts
    .map((prompt) => {
      const ids = showIds ? optionsOf(prompt).map((o, i) => `   [${i + 1}] ${o.id}`) : [];
      return [renderAsText(prompt), ...ids].join("\n");
    })
    .join("\n\n");

/** The development channel: a terminal conversation through the same engine as every chat platform. */
export const runConsoleChat = async (options: ConsoleChatOptions): Promise<void> => {
  const { engine, identity, write } = options;
  let showIds = options.showIds ?? false;
  const lines = createInterface({ input: options.input, terminal: false });
  write(BANNER);
  const send = async (input: InboundMessage["input"]) => {
    const reply = await engine.handle({
      channel: identity.channel,
      messageId: `console-${randomUUID()}`,
      from: {
        platformUserId: identity.platformUserId,
        displayName: identity.displayName,
        locale: options.locale ?? null,
      },
      input,
      receivedAt: new Date(),
    });
    write(render(reply, showIds).replace(/^/gm, "bot> "));
  };
  // Lines are handled one at a time, so pasted input keeps its order.
  for await (const raw of lines) {
    if (raw.trim() === "/ids") {
      showIds = !showIds;
      write(`option ids ${showIds ? "shown" : "hidden"}`);
      continue;
    }
    const line = parseConsoleLine(raw);
    if (line.kind === "quit") break;
    if (line.kind === "empty") continue;
    if (line.kind === "input") {
      await send(line.input);
      continue;
    }
    const read = await readConsoleFiles(line.paths, options.maxFileBytes);
    if (!read.ok) {
      write(read.problem);
      continue;
    }
    await send({ kind: "files", files: read.files, ...(line.caption ? { caption: line.caption } : {}) });
  }
  lines.close();
};
