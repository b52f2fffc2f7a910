import type { Redis } from "ioredis";
import { createRedisDirectoryChanges } from "../adapters/sessions/redis-directory-changes.js";
import { cachedDirectory, type DirectoryChanges } from "../adapters/storage/directory-cache.js";
import type { DirectoryRepository } from "../core/ports/directory.js";
import type { Config } from "./config/index.js";

const MAX_CONTACTS = 50_000;

/**
 * The service's directory: contacts cached for CONTACT_CACHE_SECONDS, every instance told over Redis
 * when one of them (or the CLI) changes something. Under the registered policy only registered
 * contacts are kept, so a registration takes effect on the next message.
 */
export const serviceDirectory = (
  directory: DirectoryRepository,
  config: Config,
  redis: Redis | null,
): { directory: DirectoryRepository; close(): Promise<void> } => {
  const changes = redis ? createRedisDirectoryChanges(redis, config.REDIS_KEY_PREFIX) : undefined;
  return {
    directory: cachedDirectory(directory, {
      ttlMs: config.CONTACT_CACHE_SECONDS * 1000,
      maxEntries: MAX_CONTACTS,
      keeps: (contact) => config.ACCESS_POLICY === "open" || contact.person.registered,
      ...(changes ? { changes } : {}),
    }),
    close: async () => changes?.close(),
  };
};

/** The CLI's directory: nothing cached, but its changes reach the running instances' caches. */
export const publishingDirectory = (
  directory: DirectoryRepository,
  changes: DirectoryChanges,
): DirectoryRepository =>
  cachedDirectory(directory, { ttlMs: 0, maxEntries: 0, keeps: () => false, changes });
