import type { OutboxItem, SendOutcome } from "../outbox/delivery.js";
import type { Channel } from "../ticket/channel.js";

/**
 * The one way a channel posts outbox items to its platform. Senders parse the payload with
 * `parseOutboxPayload`, render it in the recipient's language and map the platform's answer to a
 * SendOutcome; they do not retry, wait for rate limits or touch the outbox themselves.
 */
export interface ChannelSender {
  readonly channel: Channel;
  /** `signal` aborts on the worker's send timeout or at shutdown. */
  send(item: OutboxItem, signal: AbortSignal): Promise<SendOutcome>;
  /**
   * For platforms that can look a message up by our idempotency key: the platform message id of
   * an earlier attempt that reached the platform, or null. Asked before every retry, so a crash
   * between sending and recording never shows the recipient a second message.
   */
  findDelivered?(item: OutboxItem, signal: AbortSignal): Promise<string | null>;
  /** The platform's rate-limit bucket for this item (a chat, a Slack channel); the item's scope by default. */
  destination?(item: OutboxItem): string;
}
