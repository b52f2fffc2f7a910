import { parseRetryAfter } from "../src/adapters/outbox/retry-after.js";
import {
  type OutboxItem,
  permanentFailure,
  retryLater,
  type SendOutcome,
  sent,
} from "../src/core/outbox/delivery.js";
import type { ChannelSender } from "../src/core/ports/channel-sender.js";
import type { Channel } from "../src/core/ticket/channel.js";

/**
 * A ChannelSender for the fake chat API, mapping its answers the way real senders map their
 * platform's: 2xx sent, 429 and 5xx retry (with Retry-After), 403 "blocked" permanent and
 * unreachable, other 4xx permanent. Network errors are left to the worker (they throw).
 */
export const createFakeChatSender = (options: {
  baseUrl: string;
  channel: Channel;
  lookup?: boolean;
}): ChannelSender => {
  const sender: ChannelSender = {
    channel: options.channel,
    async send(item: OutboxItem, signal: AbortSignal): Promise<SendOutcome> {
      const response = await fetch(`${options.baseUrl}/send`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chat: item.scope, key: item.key, text: item.kind }),
        signal,
      });
      const body = (await response.json().catch(() => ({}))) as {
        message_id?: string;
        error?: string;
        retry_after?: number;
      };
      if (response.ok && body.message_id) return sent(body.message_id);
      if (response.status === 429) {
        return retryLater(
          "429 too many requests",
          parseRetryAfter(response.headers.get("retry-after") ?? body.retry_after),
        );
      }
      if (response.status >= 500) return retryLater(`${response.status} from the platform`);
      return permanentFailure(`${response.status}: ${body.error ?? "refused"}`, body.error === "blocked");
    },
  };
  if (options.lookup === false) return sender;
  return {
    ...sender,
    async findDelivered(item, signal) {
      const response = await fetch(`${options.baseUrl}/lookup?key=${encodeURIComponent(item.key)}`, {
        signal,
      });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`lookup answered ${response.status}`);
      return ((await response.json()) as { message_id: string }).message_id;
    },
  };
};
