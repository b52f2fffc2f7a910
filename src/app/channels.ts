import { defineChannel, type RunnableChannel } from "../adapters/channel.js";
import { consoleChannel } from "../adapters/console/channel.js";
import { slackConfig, slackSettings } from "../adapters/slack/config.js";
import { telegramConfig, telegramSettings } from "../adapters/telegram/config.js";
import { whatsappConfig, whatsappSettings } from "../adapters/whatsapp/config.js";

/**
 * Every chat channel the service can run. Each reads its own typed settings and stays off when its
 * configuration is absent, so an unset token simply leaves the channel out. A channel's code and its
 * platform's SDK (Bolt, Telegraf, whatsapp-web.js) load only when it is on: loaded for nothing they
 * held about 10 MB of the idle service's heap.
 */
export const channelDefinitions: readonly RunnableChannel[] = [
  defineChannel({
    name: "telegram",
    config: telegramConfig,
    settings: telegramSettings,
    create: async (ctx) => (await import("../adapters/telegram/channel.js")).telegramChannel.create(ctx),
  }),
  defineChannel({
    name: "whatsapp",
    config: whatsappConfig,
    settings: whatsappSettings,
    create: async (ctx) => (await import("../adapters/whatsapp/channel.js")).whatsappChannel().create(ctx),
  }),
  defineChannel({
    name: "slack",
    config: slackConfig,
    settings: slackSettings,
    create: async (ctx) => (await import("../adapters/slack/index.js")).slackChannel.create(ctx),
  }),
  consoleChannel,
];
