import { createSlackChannel } from "../adapters/slack/index.js";
import { createTelegramChannel } from "../adapters/telegram/channel.js";
import { createWhatsAppChannel } from "../adapters/whatsapp/channel.js";
import type { ChannelFactory } from "./service.js";

/**
 * Every chat channel the service can run. Each factory reads its own typed config and returns
 * null when that channel is not configured, so an unset token simply leaves the channel off.
 */
export const channelFactories: readonly ChannelFactory[] = [
  createTelegramChannel,
  createWhatsAppChannel(),
  createSlackChannel,
];
