import type { Redis } from "ioredis";
import type { DirectoryChanges } from "../storage/directory-cache.js";

export interface RedisDirectoryChanges extends DirectoryChanges {
  close(): Promise<void>;
}

/**
 * Directory changes over Redis pub/sub, on the channel `<prefix>directory:changed`. Listening takes
 * a connection of its own (a subscribed client can do nothing else); it is opened on the first
 * `subscribe`, and each (re)connection counts as a change, since notices sent while it was away
 * are lost. Publishing is best effort: a lost notice is bounded by the cache's TTL.
 */
export const createRedisDirectoryChanges = (redis: Redis, prefix: string): RedisDirectoryChanges => {
  const channel = `${prefix}directory:changed`;
  let listener: Redis | null = null;
  return {
    async publish() {
      await redis.publish(channel, "1").catch(() => undefined);
    },
    subscribe(onChange) {
      listener ??= redis.duplicate({ lazyConnect: true });
      const sub = listener;
      let subscribed = false;
      sub.on("message", (from: string) => {
        if (from === channel) onChange();
      });
      sub.on("ready", () => {
        onChange();
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
