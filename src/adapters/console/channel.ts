import { ok } from "../../core/shared/result.js";
import { defineChannel } from "../channel.js";
import { createConsoleChannel } from "./console-channel.js";

/**
 * The terminal chat (`cli -- chat`), always on: it needs no token, listens only on an owner-only
 * socket in DATA_DIR, and delivers notifications to CONSOLE contacts while their chat is open.
 */
export const consoleChannel = defineChannel({
  name: "console",
  config: {},
  settings: () => ok({}),
  create(ctx) {
    const channel = createConsoleChannel({
      engine: ctx.engine,
      directory: ctx.directory,
      outbox: ctx.outbox,
      dataDir: ctx.shared.stateDir,
      defaultLang: ctx.shared.defaultLang,
      timeZone: ctx.shared.timeZone,
      logger: ctx.logger,
      now: () => ctx.clock.now(),
    });
    return { sender: channel.sender, start: channel.start, stop: channel.stop };
  },
});
