import type { ContactRecord, DirectoryRepository } from "../../core/ports/directory.js";

/** How instances (and the CLI) tell each other that something in the directory changed. */
export interface DirectoryChanges {
  /** Something changed here: everyone else drops what they cached. */
  publish(): Promise<void>;
  /** `onChange` runs when another process changed something, or when changes may have been missed. */
  subscribe(onChange: () => void): void;
}

export interface DirectoryCacheOptions {
  /** How long a contact is served from memory; 0 caches nothing (the CLI: it only publishes). */
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** Contacts worth keeping: under the registered policy only registered ones, so a registration shows at once. */
  readonly keeps: (contact: ContactRecord) => boolean;
  readonly changes?: DirectoryChanges;
  readonly now?: () => number;
}

/** Reads that change nothing: served by the directory as they are. */
const isRead = (name: string) => /^(find|list|count|get|search)/.test(name);

/**
 * The directory with the contact behind each chat message kept in memory: every message of a
 * conversation looks up its contact, and nearly all find it unchanged. Any write that is not the
 * inbound timestamp drops the whole cache here and, through `changes` (Redis pub/sub), on every
 * other instance; a missed notice is bounded by the TTL. Writes are recognised by name (anything that
 * is not a read), so a method added to the port later cannot leave a stale contact behind.
 */
export const cachedDirectory = (
  directory: DirectoryRepository,
  options: DirectoryCacheOptions,
): DirectoryRepository => {
  const now = options.now ?? Date.now;
  const byKey = new Map<string, { contact: ContactRecord; until: number }>();
  const keyById = new Map<string, string>();
  const keyOf = (channel: string, platformUserId: string) => `${channel}\u0000${platformUserId}`;
  const drop = (key: string) => {
    const entry = byKey.get(key);
    if (entry) keyById.delete(entry.contact.id);
    byKey.delete(key);
  };

  const flush = () => {
    byKey.clear();
    keyById.clear();
  };
  options.changes?.subscribe(flush);

  const cached = (channel: string, platformUserId: string): ContactRecord | null => {
    const key = keyOf(channel, platformUserId);
    const entry = byKey.get(key);
    if (!entry) return null;
    if (entry.until > now()) return entry.contact;
    drop(key);
    return null;
  };
  const keep = (contact: ContactRecord | null): ContactRecord | null => {
    if (!contact || options.ttlMs <= 0 || !options.keeps(contact)) return contact;
    if (byKey.size >= options.maxEntries) drop(byKey.keys().next().value as string);
    const key = keyOf(contact.channel, contact.platformUserId);
    byKey.set(key, { contact, until: now() + options.ttlMs });
    keyById.set(contact.id, key);
    return contact;
  };
  const changed = async () => {
    flush();
    await options.changes?.publish();
  };

  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(directory)) {
    if (typeof value !== "function") continue;
    const call = (...args: unknown[]) =>
      (value as (...a: unknown[]) => Promise<unknown>).apply(directory, args);
    wrapped[name] = isRead(name)
      ? call
      : async (...args: unknown[]) => {
          const result = await call(...args);
          await changed();
          return result;
        };
  }

  return {
    ...(wrapped as unknown as DirectoryRepository),
    async findContact(channel, platformUserId) {
      return cached(channel, platformUserId) ?? keep(await directory.findContact(channel, platformUserId));
    },
    // The outbox asks for the contact behind each notification (to skip a deactivated one, then to
    // address it): served from the same entries, so a delivery costs no directory read.
    async findContactById(id) {
      const key = keyById.get(id);
      const [channel, platformUserId] = key ? key.split("\u0000") : [];
      const known =
        channel !== undefined && platformUserId !== undefined ? cached(channel, platformUserId) : null;
      return known ?? keep(await directory.findContactById(id));
    },
    async ensureContact(input) {
      const known = cached(input.channel, input.platformUserId);
      const upgrades = input.registered && !(known ?? null)?.person.registered;
      if (known && !upgrades) return known;
      const contact = await directory.ensureContact(input);
      // A registration changed a person others may hold; a contact created just now, nobody holds.
      if (input.registered) await changed();
      return keep(contact)!;
    },
    async recordInbound(contactId, at) {
      await directory.recordInbound(contactId, at);
      // Only the stamp moved, and nothing decides on it from the cache: no need to tell anyone.
      const key = keyById.get(contactId);
      const entry = key ? byKey.get(key) : undefined;
      const last = entry?.contact.lastInboundAt;
      if (key && entry && (!last || last < at))
        byKey.set(key, { ...entry, contact: { ...entry.contact, lastInboundAt: at } });
    },
  };
};
