import { type Clock, systemClock } from "../../core/ports/clock.js";
import type { InboundDedupe } from "../../core/ports/inbound-dedupe.js";

/** Message ids seen in this process within `ttlMs`; with one fixed TTL, insertion order is expiry order. */
export const createMemoryInboundDedupe = (options: { ttlMs: number; clock?: Clock }): InboundDedupe => {
  const clock = options.clock ?? systemClock;
  const seen = new Map<string, number>();

  const prune = (now: number) => {
    for (const [key, expiresAt] of seen) {
      if (expiresAt > now) break;
      seen.delete(key);
    }
  };

  return {
    async claim(key) {
      const now = clock.now().getTime();
      prune(now);
      const expiresAt = seen.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      seen.delete(key);
      seen.set(key, now + options.ttlMs);
      return true;
    },
    async release(key) {
      seen.delete(key);
    },
  };
};
