import { type Clock, systemClock } from "../../core/ports/clock.js";
import type { InboundDedupe, PendingAnswer } from "../../core/ports/inbound-dedupe.js";

/** Message ids seen in this process within `ttlMs`; with one fixed TTL, insertion order is expiry order. */
export const createMemoryInboundDedupe = (options: { ttlMs: number; clock?: Clock }): InboundDedupe => {
  const clock = options.clock ?? systemClock;
  const seen = new Map<string, { expiresAt: number; done: boolean }>();
  const answers = new Map<string, PendingAnswer>();

  const prune = (now: number) => {
    for (const [key, entry] of seen) {
      if (entry.expiresAt > now) break;
      seen.delete(key);
      answers.delete(key);
    }
  };

  return {
    async claim(key) {
      const now = clock.now().getTime();
      prune(now);
      const entry = seen.get(key);
      if (entry?.done) return "done";
      if (!entry) seen.set(key, { expiresAt: now + options.ttlMs, done: false });
      return "new";
    },
    async release(key) {
      seen.delete(key);
      answers.delete(key);
    },
    async settle(key, answer) {
      seen.delete(key);
      seen.set(key, { expiresAt: clock.now().getTime() + options.ttlMs, done: true });
      if (answer) answers.set(key, answer);
    },
    pendingAnswer: async (key) => answers.get(key) ?? null,
    async answered(key) {
      answers.delete(key);
    },
  };
};
