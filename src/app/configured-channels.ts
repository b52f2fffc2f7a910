import { createNotificationPolicy } from "../core/outbox/notification-policy.js";
import type { Channel } from "../core/ticket/channel.js";
import type { NotificationPolicy } from "../core/ticket/decisions.js";
import type { Config } from "./config/index.js";
import { taxonomyOf } from "./container.js";

/** The channels whose senders the service runs under this configuration. */
export const configuredChannels = (config: Config): ReadonlySet<Channel> => {
  const channels = new Set<Channel>();
  if (config.TELEGRAM_BOT_TOKEN) channels.add("TELEGRAM");
  if (config.WHATSAPP_TRANSPORT !== "off") channels.add("WHATSAPP");
  if (config.SLACK_BOT_TOKEN) channels.add("SLACK");
  // The service always runs the terminal chat's channel.
  channels.add("CONSOLE");
  return channels;
};

/**
 * The notification policy for processes that change tickets without running senders (the CLI):
 * they write the same outbox items the service would, and the service's worker delivers them.
 */
export const configuredPolicy = (config: Config): NotificationPolicy => {
  const channels = configuredChannels(config);
  return createNotificationPolicy({
    deliverable: (channel) => channels.has(channel),
    agentChannel: () => (channels.has("SLACK") ? "SLACK" : null),
    replyGraceMs: config.AGENT_REPLY_GRACE_SECONDS * 1000,
    taxonomy: taxonomyOf(config),
  });
};
