import { loadConfig } from "../src/app/config/index.js";
import { startService } from "../src/app/service.js";
import type { Channel } from "../src/core/ticket/channel.js";
import { createFakeChatSender } from "./fake-chat-sender.js";

/**
 * The service as a separate process for the crash and multi-instance tests: the real startService,
 * with senders for the fake chat API at FAKE_CHAT_URL (lookups off when FAKE_CHAT_LOOKUP=false).
 * Stops gracefully on SIGTERM like src/app/main.ts.
 */
const config = loadConfig();
const baseUrl = process.env.FAKE_CHAT_URL ?? "";
const lookup = process.env.FAKE_CHAT_LOOKUP !== "false";
const channels: Channel[] = ["TELEGRAM", "SLACK"];
// High enough not to slow the test down, still shared through Redis when it is configured.
const perSecond = Number(process.env.FAKE_CHAT_RATE ?? 1000);

const service = await startService(config, {
  port: 0,
  senders: channels.map((channel) => createFakeChatSender({ baseUrl, channel, lookup })),
  rateLimits: {
    TELEGRAM: { overall: { limit: perSecond, perMs: 1000 } },
    SLACK: { overall: { limit: perSecond, perMs: 1000 } },
  },
});
process.once("SIGTERM", () => {
  void service.stop().then(() => process.exit(0));
});
