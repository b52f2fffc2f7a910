import { type Clock, systemClock } from "../../core/ports/clock.js";
import type { SessionStore } from "../../core/ports/session-store.js";

/**
 * Sessions in this process, for the embedded setup (no REDIS_URL) and tests. Same contract as the Redis
 * store: the state expires after `ttlMs`, the summary and index stay until deleted or claimed.
 */
export const createMemorySessionStore = (options: { ttlMs: number; clock?: Clock }): SessionStore => {
  const clock = options.clock ?? systemClock;
  const states = new Map<string, { state: string; expiresAt: number }>();
  const index = new Map<string, { summary: string; lastActivityAt: number }>();

  return {
    async load(contactId) {
      const entry = states.get(contactId);
      if (!entry) return null;
      if (entry.expiresAt <= clock.now().getTime()) {
        states.delete(contactId);
        return null;
      }
      return entry.state;
    },
    async save(contactId, entry) {
      states.set(contactId, { state: entry.state, expiresAt: clock.now().getTime() + options.ttlMs });
      index.set(contactId, { summary: entry.summary, lastActivityAt: entry.lastActivityAt.getTime() });
    },
    async delete(contactId) {
      states.delete(contactId);
      index.delete(contactId);
    },
    async listIdle(cutoff, limit) {
      return [...index.entries()]
        .filter(([, e]) => e.lastActivityAt <= cutoff.getTime())
        .sort(([, a], [, b]) => a.lastActivityAt - b.lastActivityAt)
        .slice(0, limit)
        .map(([id]) => id);
    },
    async claimIdle(contactId, cutoff) {
      const entry = index.get(contactId);
      if (!entry || entry.lastActivityAt > cutoff.getTime()) return null;
      index.delete(contactId);
      states.delete(contactId);
      return entry.summary;
    },
  };
};
