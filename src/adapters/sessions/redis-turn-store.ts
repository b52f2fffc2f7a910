import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { ContactLockTimeoutError, type OpenTurn, type TurnStore } from "../../core/ports/turn-store.js";
import { DependencyUnavailableError } from "../../core/ports/unavailable.js";
import { isStorageUnavailable } from "../unavailable.js";
import { ABORT, BEGIN, CLAIM_IDLE, COMMIT, EXTEND, FORGET } from "./redis-turn-scripts.js";

/** Outbox items are given up after a day at most; the mark needs to outlive them no longer. */
const ANSWERS_QUEUED_MS = 48 * 3_600_000;

export interface RedisTurnStoreOptions {
  readonly redis: Redis;
  /** Namespaces every key, e.g. "chamado:"; tests use one per run. */
  readonly prefix: string;
  /** The idle timeout: the session state's TTL. */
  readonly sessionTtlMs: number;
  /** How long a holder or waiter that stopped answering keeps its place. */
  readonly lockTtlMs: number;
  /** How long a message waits for its turn before giving up. */
  readonly waitMs: number;
  readonly pollMs?: number;
}

/**
 * Turns on Redis, two round trips each when nobody else holds the contact: BEGIN (take the lock,
 * check the message, read the session) and COMMIT (write the session, mark the message, release),
 * both Lua scripts run by SHA. Keys: `lock:{<lockKey>}:queue|owner|alive:<token>`,
 * `handled:<messageKey>`, `session:<contactId>` (TTL = idle timeout), `answers-queued:<contactId>`
 * (an answer of this contact waits in the outbox), and `sessions:idle` (sorted
 * set by last activity) and `sessions:summary` (hash), which carry no TTL so the sweeper still finds
 * a flow whose state just expired; both are removed with the session.
 */
/**
 * Runs one Redis call of a turn; a connection failure becomes DependencyUnavailableError, here for
 * every call, the open turn's commit and abort included: a commit cut off is "deliver it again",
 * never a failed conversation the person is apologised to for.
 */
const reaching = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw isStorageUnavailable(error) ? new DependencyUnavailableError("redis", { cause: error }) : error;
  }
};

export const createRedisTurnStore = (options: RedisTurnStoreOptions): TurnStore => {
  const { redis, prefix } = options;
  const pollMs = options.pollMs ?? 15;
  const indexKey = `${prefix}sessions:idle`;
  const summaryKey = `${prefix}sessions:summary`;
  const stateKey = (contactId: string) => `${prefix}session:${contactId}`;

  return {
    async begin({ lockKey, contactId, messageKey, rememberMs }) {
      const base = `${prefix}lock:{${lockKey}}`;
      const alivePrefix = `${base}:alive:`;
      const keys = [
        `${base}:queue`,
        `${base}:owner`,
        `${prefix}handled:${messageKey ?? "none"}`,
        stateKey(contactId),
        indexKey,
        summaryKey,
        `${prefix}answers-queued:${contactId}`,
      ];
      const token = randomUUID();
      const abort = () => reaching(() => ABORT(redis, keys, [token, alivePrefix])).then(() => undefined);

      const deadline = Date.now() + options.waitMs;
      let started: unknown[];
      try {
        for (;;) {
          started = (await reaching(() =>
            BEGIN(redis, keys, [token, options.lockTtlMs, alivePrefix, contactId, messageKey ? "1" : "0"]),
          )) as unknown[];
          if (started[0] !== 0) break;
          if (Date.now() >= deadline) throw new ContactLockTimeoutError(lockKey);
          await sleep(pollMs + Math.floor(Math.random() * pollMs));
        }
      } catch (error) {
        await abort().catch(() => undefined);
        throw error;
      }
      if (started[0] === 2) return { kind: "done" };

      // Keeps the lock while a slow turn runs; a turn whose process stalls past the TTL loses it, and
      // its commit is then refused rather than written over the turn that took over.
      const watchdog = setInterval(
        () => void EXTEND(redis, keys, [token, options.lockTtlMs, alivePrefix]).catch(() => undefined),
        Math.max(10, Math.floor(options.lockTtlMs / 3)),
      );
      const [, state, summary, score, queued] = started as [
        number,
        string | null,
        string | null,
        string | null,
        number,
      ];
      const turn: OpenTurn = {
        session:
          state === null && summary === null && score === null
            ? null
            : { state, summary, lastActivityAt: score === null ? null : new Date(Number(score)) },
        answersQueued: queued === 1,
        async commit(session, answers) {
          clearInterval(watchdog);
          const committed = await reaching(() =>
            COMMIT(redis, keys, [
              token,
              alivePrefix,
              contactId,
              session ? "save" : "delete",
              session?.state ?? "",
              session?.summary ?? "",
              session?.lastActivityAt.getTime() ?? 0,
              options.sessionTtlMs,
              rememberMs,
              messageKey ? "1" : "0",
              answers.queued ? ANSWERS_QUEUED_MS : 0,
            ]),
          );
          return committed === 1;
        },
        async abort() {
          clearInterval(watchdog);
          await abort();
        },
      };
      return { kind: "open", ...turn };
    },

    listIdle: (cutoff, limit) =>
      reaching(() => redis.zrangebyscore(indexKey, "-inf", cutoff.getTime(), "LIMIT", 0, limit)),

    async claimIdle(contactId, cutoff) {
      const claimed = await reaching(() =>
        CLAIM_IDLE(redis, [indexKey, summaryKey, stateKey(contactId)], [contactId, cutoff.getTime()]),
      );
      return typeof claimed === "string" ? claimed : null;
    },

    async forget(contactId) {
      await reaching(() =>
        FORGET(
          redis,
          [indexKey, summaryKey, stateKey(contactId), `${prefix}answers-queued:${contactId}`],
          [contactId],
        ),
      );
      // Handled marks are keyed by message id; their value names the contact. Erasures are rare, so a scan is fine.
      let cursor = "0";
      do {
        const [next, keys] = await reaching(() =>
          redis.scan(cursor, "MATCH", `${prefix}handled:*`, "COUNT", 1000),
        );
        cursor = next;
        if (keys.length === 0) continue;
        const owners = await reaching(() => redis.mget(...keys));
        const theirs = keys.filter((_, i) => owners[i] === contactId);
        if (theirs.length > 0) await reaching(() => redis.del(...theirs));
      } while (cursor !== "0");
    },
  };
};
