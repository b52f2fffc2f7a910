import type { Redis } from "ioredis";

/** Messages to every instance on one Redis pub/sub channel. */
export interface RedisBroadcast {
  /** Best effort: a message sent while Redis is away is lost (each user of this bounds that loss). */
  publish(message: string): Promise<void>;
  /**
   * `onMessage` for each message on the channel, this instance's own included; `onConnected` on each
   * (re)connection, since messages sent while the listener was away are lost.
   */
  subscribe(onMessage: (message: string) => void, onConnected?: () => void): void;
  close(): Promise<void>;
}

/**
 * Listening takes a connection of its own (a subscribed client can do nothing else); it is opened
 * on the first `subscribe`.
 */
export const createRedisBroadcast = (redis: Redis, channel: string): RedisBroadcast => {
  let listener: Redis | null = null;
  return {
    async publish(message) {
      await redis.publish(channel, message).catch(() => undefined);
    },
    subscribe(onMessage, onConnected) {
      listener ??= redis.duplicate({ lazyConnect: true });
      const sub = listener;
      let subscribed = false;
      sub.on("message", (from: string, message: string) => {
        if (from === channel) onMessage(message);
      });
      sub.on("ready", () => {
        onConnected?.();
        // ioredis subscribes again by itself after a reconnection; this is for the first time.
        if (!subscribed)
          void sub.subscribe(channel).then(
            () => {
              subscribed = true;
            },
            () => undefined,
          );
      });
      // Errors are the main client's to report; this one only reconnects.
      sub.on("error", () => undefined);
      void sub.connect().catch(() => undefined);
    },
    async close() {
      if (listener) await listener.quit().catch(() => listener?.disconnect());
    },
  };
};
