import type { Redis } from "ioredis";
import type { DirectoryChanges } from "../storage/directory-cache.js";
import { createRedisBroadcast } from "./redis-broadcast.js";

export interface RedisDirectoryChanges extends DirectoryChanges {
  close(): Promise<void>;
}

/**
 * Directory changes over Redis pub/sub, on the channel `<prefix>directory:changed`. Each
 * (re)connection of the listener counts as a change, since notices sent while it was away are lost;
 * a notice lost in publishing is bounded by the cache's TTL.
 */
export const createRedisDirectoryChanges = (redis: Redis, prefix: string): RedisDirectoryChanges => {
  const broadcast = createRedisBroadcast(redis, `${prefix}directory:changed`);
  return {
    publish: () => broadcast.publish("1"),
    subscribe: (onChange) => broadcast.subscribe(onChange, onChange),
    close: () => broadcast.close(),
  };
};
