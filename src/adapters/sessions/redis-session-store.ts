import type { Redis } from "ioredis";
import type { SessionStore } from "../../core/ports/session-store.js";
import { execAll } from "./redis-exec.js";

// Removes the session only if it is still idle at the cutoff, and hands its summary to this caller alone.
const CLAIM_IDLE = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then return false end
redis.call('ZREM', KEYS[1], ARGV[1])
local summary = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3])
return summary or ''
`;

export interface RedisSessionStoreOptions {
  readonly redis: Redis;
  /** Namespaces every key, e.g. "chamado:"; tests use one per run. */
  readonly prefix: string;
  /** The idle timeout: the state key's TTL. */
  readonly ttlMs: number;
}

/**
 * Keys: `<prefix>session:<contactId>` holds the state with a TTL equal to the idle timeout;
 * `<prefix>sessions:idle` (sorted set, score = last activity in ms) and `<prefix>sessions:summary`
 * (hash) carry no TTL, so the sweeper still finds a flow whose state has just expired and can record
 * and announce it. Both are removed with the session (delete or claim), so they do not grow.
 */
export const createRedisSessionStore = ({ redis, prefix, ttlMs }: RedisSessionStoreOptions): SessionStore => {
  const stateKey = (contactId: string) => `${prefix}session:${contactId}`;
  const indexKey = `${prefix}sessions:idle`;
  const summaryKey = `${prefix}sessions:summary`;

  return {
    load: (contactId) => redis.get(stateKey(contactId)),
    save: (contactId, entry) =>
      execAll(
        redis
          .multi()
          .set(stateKey(contactId), entry.state, "PX", ttlMs)
          .zadd(indexKey, entry.lastActivityAt.getTime(), contactId)
          .hset(summaryKey, contactId, entry.summary),
      ),
    delete: (contactId) =>
      execAll(redis.multi().del(stateKey(contactId)).zrem(indexKey, contactId).hdel(summaryKey, contactId)),
    listIdle: (cutoff, limit) => redis.zrangebyscore(indexKey, "-inf", cutoff.getTime(), "LIMIT", 0, limit),
    async claimIdle(contactId, cutoff) {
      const claimed = await redis.eval(
        CLAIM_IDLE,
        3,
        indexKey,
        summaryKey,
        stateKey(contactId),
        contactId,
        cutoff.getTime(),
      );
      return typeof claimed === "string" ? claimed : null;
    },
  };
};
