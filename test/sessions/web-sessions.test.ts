import { afterEach, describe, expect, it } from "vitest";
import { createMemoryWebSessions } from "../../src/adapters/sessions/memory-web-sessions.js";
import { createRedisWebSessions } from "../../src/adapters/sessions/redis-web-sessions.js";
import type { WebSession, WebSessions } from "../../src/core/ports/web-sessions.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { openTestRedis } from "./support/test-redis.js";

const session = (id: string, expiresAt: number): WebSession => ({
  id,
  csrf: `csrf-${id}`,
  expiresAt,
  principal: { kind: "agent", id: "slack:U1", name: "Carla", slackUser: "U1", admin: false },
});

/** What the console relies on, from memory (one instance) and from Redis (every instance). */
const webSessionsContract = (
  name: string,
  open: () => Promise<{ store: WebSessions; close(): Promise<void> }>,
) =>
  describe(`${name} web sessions`, () => {
    let close: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await close?.();
    });
    const store = async () => {
      const opened = await open();
      close = opened.close;
      return opened.store;
    };

    it("keeps a session until it expires or is removed", async () => {
      const s = await store();
      const now = Date.now();
      await s.save(session("a", now + 60_000));
      await s.save(session("b", now + 60_000));
      expect(await s.find("a", new Date(now))).toEqual(session("a", now + 60_000));
      expect(await s.find("a", new Date(now + 61_000))).toBeNull();
      await s.remove("b");
      expect(await s.find("b", new Date(now))).toBeNull();
      expect(await s.find("never", new Date(now))).toBeNull();
    });

    it("spends a link id once", async () => {
      const s = await store();
      const now = new Date();
      expect(await s.spendLink("link-1", now.getTime() + 60_000, now)).toBe(true);
      expect(await s.spendLink("link-1", now.getTime() + 60_000, now)).toBe(false);
      expect(await s.spendLink("link-2", now.getTime() + 60_000, now)).toBe(true);
    });
  });

webSessionsContract("memory", async () => ({ store: createMemoryWebSessions(), close: async () => {} }));

describeWith({ redis: true }, "redis", () => {
  webSessionsContract("redis", async () => {
    const r = await openTestRedis();
    return { store: createRedisWebSessions(r.redis, r.prefix), close: r.close };
  });

  it("drops a stored session of another shape rather than misreading it", async () => {
    const r = await openTestRedis();
    try {
      await r.redis.set(`${r.prefix}web:session:old`, JSON.stringify({ id: "old", who: "someone" }));
      expect(await createRedisWebSessions(r.redis, r.prefix).find("old", new Date())).toBeNull();
    } finally {
      await r.close();
    }
  });
});
