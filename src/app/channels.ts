import type { RunnableChannel } from "../adapters/channel.js";
import { consoleChannel } from "../adapters/console/channel.js";
import { slackChannel } from "../adapters/slack/index.js";
import { telegramChannel } from "../adapters/telegram/channel.js";
import { whatsappChannel } from "../adapters/whatsapp/channel.js";

/**
 * Every chat channel the service can run. Each reads its own typed settings and stays off when its
 * configuration is absent, so an unset token simply leaves the channel out.
 */
export const channelDefinitions: readonly RunnableChannel[] = [
  telegramChannel,
  whatsappChannel(),
  slackChannel,
  consoleChannel,
];
