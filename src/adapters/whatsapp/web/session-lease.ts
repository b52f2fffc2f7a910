import type { Redis } from "ioredis";

/**
 * Who holds the WhatsApp Web session. A phone links one session; two instances driving it at once
 * would each see half the messages, so exactly one holds it, renewing a lease with an expiry. When
 * the holder dies its lease runs out and a standby instance takes the session over.
 */
export interface SessionLease {
  /** Takes the lease when it is free (or already ours); true while this instance holds it. */
  tryAcquire(): Promise<boolean>;
  /** Extends the lease; false when it was lost (it expired and another instance took it). */
  renew(): Promise<boolean>;
  /** Gives the lease up at once, so a standby instance does not wait for the expiry. */
  release(): Promise<void>;
}

// KEYS: lease   ARGV: owner, ttl   -> 1 when the caller holds the lease
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

// KEYS: lease   ARGV: owner, ttl   -> 0 when the lease is no longer ours
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

// KEYS: lease   ARGV: owner   Only ever deletes our own lease.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

export const createRedisSessionLease = (options: {
  readonly redis: Redis;
  readonly key: string;
  readonly owner: string;
  readonly ttlMs: number;
}): SessionLease => {
  const { redis, key, owner, ttlMs } = options;
  return {
    tryAcquire: async () => (await redis.eval(ACQUIRE, 1, key, owner, ttlMs)) === 1,
    renew: async () => (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1,
    release: async () => void (await redis.eval(RELEASE, 1, key, owner)),
  };
};

/** Without Redis there is one instance (the embedded setup): it always holds the session. */
export const createMemorySessionLease = (): SessionLease => ({
  tryAcquire: async () => true,
  renew: async () => true,
  release: async () => {},
});
