import { type Clock, systemClock } from "../../core/ports/clock.js";
import { ContactLockTimeoutError, type OpenTurn, type TurnStore } from "../../core/ports/turn-store.js";

interface Kept {
  state: string | null;
  stateExpiresAt: number;
  summary: string;
  lastActivityAt: number;
}

/**
 * Turns in this process, for the embedded setup (no REDIS_URL) and tests: one instance, so the lock
 * is a queue of promises per contact and is never lost; the same session and handled-message rules
 * as the Redis store.
 */
export const createMemoryTurnStore = (options: {
  readonly sessionTtlMs: number;
  readonly waitMs: number;
  readonly clock?: Clock;
}): TurnStore => {
  const clock = options.clock ?? systemClock;
  const sessions = new Map<string, Kept>();
  const handled = new Map<string, { until: number; contactId: string }>();
  const queued = new Set<string>();
  let begun = 0;
  const tails = new Map<string, Promise<void>>();

  /** Takes the contact's place in line; resolves with the release once every earlier turn is done. */
  const lock = (key: string): Promise<() => void> => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    tails.set(key, tail);
    const releaseOnce = () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ContactLockTimeoutError(key)), options.waitMs);
      timer.unref();
    });
    return Promise.race([previous.then(() => releaseOnce), timeout]).then(
      (value) => {
        clearTimeout(timer);
        return value;
      },
      (error: unknown) => {
        // Our place is given up once it comes, so those behind us are not held up.
        void previous.then(releaseOnce);
        throw error;
      },
    );
  };

  const wasHandled = (messageKey: string, now: number) => {
    const until = handled.get(messageKey)?.until;
    if (until === undefined) return false;
    if (until > now) return true;
    handled.delete(messageKey);
    return false;
  };

  return {
    async begin({ lockKey, contactId, messageKey, rememberMs }) {
      const release = await lock(lockKey);
      const now = clock.now().getTime();
      // Handled marks would otherwise only go when looked up again.
      if (++begun % 1000 === 0) for (const [key, { until }] of handled) if (until <= now) handled.delete(key);
      if (messageKey && wasHandled(messageKey, now)) {
        release();
        return { kind: "done" };
      }
      const kept = sessions.get(contactId);
      const turn: OpenTurn = {
        session: kept
          ? {
              state: kept.stateExpiresAt > now ? kept.state : null,
              summary: kept.summary,
              lastActivityAt: new Date(kept.lastActivityAt),
            }
          : null,
        answersQueued: queued.has(contactId),
        async commit(session, answers) {
          if (session)
            sessions.set(contactId, {
              state: session.state,
              stateExpiresAt: clock.now().getTime() + options.sessionTtlMs,
              summary: session.summary,
              lastActivityAt: session.lastActivityAt.getTime(),
            });
          else sessions.delete(contactId);
          if (messageKey) handled.set(messageKey, { until: clock.now().getTime() + rememberMs, contactId });
          if (answers.queued) queued.add(contactId);
          else queued.delete(contactId);
          release();
          return true;
        },
        async abort() {
          release();
        },
      };
      return { kind: "open", ...turn };
    },

    async listIdle(cutoff, limit) {
      return [...sessions.entries()]
        .filter(([, s]) => s.lastActivityAt <= cutoff.getTime())
        .sort(([, a], [, b]) => a.lastActivityAt - b.lastActivityAt)
        .slice(0, limit)
        .map(([id]) => id);
    },

    async claimIdle(contactId, cutoff) {
      const kept = sessions.get(contactId);
      if (!kept || kept.lastActivityAt > cutoff.getTime()) return null;
      sessions.delete(contactId);
      return kept.summary;
    },

    async forget(contactId) {
      sessions.delete(contactId);
      queued.delete(contactId);
      for (const [key, mark] of handled) if (mark.contactId === contactId) handled.delete(key);
    },
  };
};
