import { userInfo } from "node:os";
import { configuredPolicy } from "../../app/configured-channels.js";
import { buildCore, type Core } from "../../app/container.js";
import type { Actor } from "../../core/ticket/ticket.js";
import type { CommandContext } from "./command.js";

/** The person at the terminal acts as an agent; their login name is recorded in the history. */
export const cliAgent = (): Actor => {
  const name = userInfo().username || "cli";
  return { kind: "agent", id: `cli:${name}`, name };
};

/** Opens the configured database for one command and always closes it. */
export const withCore = async <T>(ctx: CommandContext, run: (core: Core) => Promise<T>): Promise<T> => {
  // The same notifications as the service, so a reply typed here reaches the requester's chat.
  const core = await buildCore(ctx.config, { serveEmbedded: false, notify: configuredPolicy(ctx.config) });
  try {
    return await run(core);
  } finally {
    await core.close();
  }
};
