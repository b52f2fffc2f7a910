import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createRedisDirectoryChanges } from "../../src/adapters/sessions/redis-directory-changes.js";
import { cachedDirectory } from "../../src/adapters/storage/directory-cache.js";
import { createMemoryDirectory } from "../../src/adapters/storage/memory/directory.js";
import type { DirectoryRepository, EnsureContact } from "../../src/core/ports/directory.js";
import { deleteKeys } from "../../testkit/redis-keys.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { describeWith, redisUrl, uniquePrefix } from "../support/pg-database-for-service.js";

const supplier: EnsureContact = {
  channel: "TELEGRAM",
  platformUserId: "5001",
  displayName: "Rita",
  organization: { key: "acme", name: "Acme" },
  registered: false,
};

/** The memory directory, counting the lookups that reach it. */
const counted = (directory: DirectoryRepository = createMemoryDirectory()) => {
  const reached = { findContact: 0, ensureContact: 0 };
  const spy: DirectoryRepository = {
    ...directory,
    findContact: (...args) => {
      reached.findContact++;
      return directory.findContact(...args);
    },
    ensureContact: (...args) => {
      reached.ensureContact++;
      return directory.ensureContact(...args);
    },
  };
  return { spy, reached, directory };
};

describe("contacts kept in memory between messages", () => {
  const options = { ttlMs: 60_000, maxEntries: 100, keeps: () => true };

  it("serves a known contact without asking storage again", async () => {
    const { spy, reached } = counted();
    const cache = cachedDirectory(spy, options);
    const first = await cache.ensureContact(supplier);
    for (let i = 0; i < 5; i++) expect(await cache.ensureContact(supplier)).toEqual(first);
    expect(await cache.findContact("TELEGRAM", "5001")).toEqual(first);
    expect(reached).toEqual({ findContact: 0, ensureContact: 1 });
  });

  it("serves a known contact by id from the same entries, and asks again after a change", async () => {
    const directory = createMemoryDirectory();
    let byId = 0;
    const cache = cachedDirectory(
      {
        ...directory,
        findContactById: (id) => {
          byId++;
          return directory.findContactById(id);
        },
      },
      options,
    );
    const known = await cache.ensureContact(supplier);
    expect(await cache.findContactById(known.id)).toEqual(known);
    expect(byId).toBe(0);
    await cache.setDeactivated(known.id, new Date("2026-12-01T00:00:00Z"));
    expect((await cache.findContactById(known.id))?.deactivatedAt).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(byId).toBe(1);
  });

  it("drops everything on any write, a method the port gains later included", async () => {
    const { spy, reached } = counted();
    let deactivated = false;
    const grown = {
      ...spy,
      // Not a read by its name: the cache must treat it as a change.
      async deactivateContact(_id: string) {
        deactivated = true;
      },
    } as DirectoryRepository & { deactivateContact(id: string): Promise<void> };
    const cache = cachedDirectory(grown, options) as typeof grown;
    const contact = await cache.ensureContact(supplier);
    await cache.setLocale(contact.id, "en");
    expect((await cache.ensureContact(supplier)).locale).toBe("en");
    expect(reached.ensureContact).toBe(2);
    await cache.deactivateContact(contact.id);
    expect(deactivated).toBe(true);
    await cache.ensureContact(supplier);
    expect(reached.ensureContact).toBe(3);
  });

  it("asks again once the time is up", async () => {
    const { spy, reached } = counted();
    let now = 0;
    const cache = cachedDirectory(spy, { ...options, now: () => now });
    await cache.ensureContact(supplier);
    now = 59_999;
    await cache.ensureContact(supplier);
    now = 60_000;
    await cache.ensureContact(supplier);
    expect(reached.ensureContact).toBe(2);
  });

  it("keeps only what `keeps` allows: a registration then shows on the next message", async () => {
    const { spy, reached } = counted();
    const cache = cachedDirectory(spy, { ...options, keeps: (c) => c.person.registered });
    await cache.ensureContact(supplier);
    // Not registered: asked for every time, so a registration elsewhere is seen at once.
    expect((await cache.findContact("TELEGRAM", "5001"))?.person.registered).toBe(false);
    expect((await cache.findContact("TELEGRAM", "5001"))?.person.registered).toBe(false);
    expect(reached.findContact).toBe(2);
    await cache.ensureContact({ ...supplier, registered: true });
    expect((await cache.findContact("TELEGRAM", "5001"))?.person.registered).toBe(true);
    expect(reached.findContact).toBe(2);
  });

  it("moves the inbound stamp forward in place, without a lookup", async () => {
    const { spy, reached } = counted();
    const cache = cachedDirectory(spy, options);
    const contact = await cache.ensureContact(supplier);
    const at = new Date("2026-12-02T10:00:00Z");
    await cache.recordInbound(contact.id, at);
    expect((await cache.ensureContact(supplier)).lastInboundAt).toEqual(at);
    expect(reached.ensureContact).toBe(1);
  });

  it("with a TTL of 0 keeps nothing (the CLI), yet still reports its changes", async () => {
    const { spy, reached } = counted();
    let published = 0;
    const cache = cachedDirectory(spy, {
      ttlMs: 0,
      maxEntries: 0,
      keeps: () => false,
      changes: { publish: async () => void published++, subscribe: () => {} },
    });
    const contact = await cache.ensureContact(supplier);
    await cache.ensureContact(supplier);
    await cache.setLocale(contact.id, "en");
    expect(reached.ensureContact).toBe(2);
    expect(published).toBe(1);
  });
});

describeWith({ redis: true }, "contact caches of several instances", () => {
  it("a change on one instance (or the CLI) reaches the others' caches over Redis", async () => {
    const prefix = uniquePrefix("directory-changes");
    const clients = [new Redis(redisUrl()!), new Redis(redisUrl()!)];
    const changes = clients.map((c) => createRedisDirectoryChanges(c, prefix));
    try {
      // Two instances on one database: here one memory directory behind both caches.
      const shared = createMemoryDirectory();
      const a = counted(shared);
      const b = counted(shared);
      const onA = cachedDirectory(a.spy, {
        ttlMs: 600_000,
        maxEntries: 100,
        keeps: () => true,
        changes: changes[0]!,
      });
      const onB = cachedDirectory(b.spy, {
        ttlMs: 600_000,
        maxEntries: 100,
        keeps: () => true,
        changes: changes[1]!,
      });
      // Subscribed and connected before the change is made.
      await waitFor(
        async () => (await clients[0]!.pubsub("NUMSUB", `${prefix}directory:changed`))[1] === 2,
        "both listening",
      );
      const contact = await onA.ensureContact(supplier);
      await onA.ensureContact(supplier);
      expect(a.reached.ensureContact).toBe(1);

      await onB.setLocale(contact.id, "en");
      await waitFor(
        async () => (await onA.ensureContact(supplier)).locale === "en",
        "instance A to see the new locale",
      );
      expect(a.reached.ensureContact).toBe(2);
    } finally {
      await Promise.all(changes.map((c) => c.close()));
      await Promise.all(clients.map((c) => c.quit()));
      await deleteKeys(redisUrl()!, prefix);
    }
  });
});
