import type { ChannelSender } from "../../core/ports/channel-sender.js";
import type { Channel } from "../../core/ticket/channel.js";

export class SenderRegistryError extends Error {
  override readonly name = "SenderRegistryError";
}

/**
 * Where channel adapters register their sender at start-up. The worker claims only items of
 * registered channels, and the notification policy writes items only for them.
 */
export interface SenderRegistry {
  register(sender: ChannelSender): void;
  get(channel: Channel): ChannelSender | undefined;
  has(channel: Channel): boolean;
  channels(): Channel[];
}

export const createSenderRegistry = (initial: readonly ChannelSender[] = []): SenderRegistry => {
  const senders = new Map<Channel, ChannelSender>();
  const registry: SenderRegistry = {
    register(sender) {
      if (senders.has(sender.channel))
        throw new SenderRegistryError(`a sender for ${sender.channel} is already registered`);
      senders.set(sender.channel, sender);
    },
    get: (channel) => senders.get(channel),
    has: (channel) => senders.has(channel),
    channels: () => [...senders.keys()],
  };
  for (const sender of initial) registry.register(sender);
  return registry;
};
