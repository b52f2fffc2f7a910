import type { Redis } from "ioredis";
import { z } from "zod";
import type { WebSession, WebSessions } from "../../core/ports/web-sessions.js";

const stored = z.object({
  id: z.string(),
  csrf: z.string(),
  expiresAt: z.number(),
  principal: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("agent"),
      id: z.string(),
      name: z.string(),
      slackUser: z.string().nullable(),
      admin: z.boolean(),
    }),
    z.object({ kind: z.literal("supplier"), contactId: z.string() }),
  ]),
});

/** Sessions shared by every instance, each key expiring with its session; parsed on every read. */
export const createRedisWebSessions = (redis: Redis, prefix: string): WebSessions => {
  const key = (id: string) => `${prefix}web:session:${id}`;
  return {
    async save(session: WebSession) {
      const ttl = Math.max(1, session.expiresAt - Date.now());
      await redis.set(key(session.id), JSON.stringify(session), "PX", ttl);
    },
    async find(id, now) {
      const raw = await redis.get(key(id));
      if (raw === null) return null;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return null;
      }
      const parsed = stored.safeParse(json);
      // Written by another version of the code: dropped rather than misread.
      if (!parsed.success || parsed.data.expiresAt <= now.getTime()) return null;
      return parsed.data;
    },
    async remove(id) {
      await redis.del(key(id));
    },
    async spendLink(linkId, untilMs, now) {
      const ttl = Math.max(1, untilMs - now.getTime());
      return (await redis.set(`${prefix}web:link:${linkId}`, "1", "PX", ttl, "NX")) === "OK";
    },
  };
};
