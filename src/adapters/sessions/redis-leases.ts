import type { Redis } from "ioredis";
import type { Lease, Leases } from "../../core/ports/lease.js";

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

/**
 * Leases as Redis keys with an expiry (SET NX PX), renewed and released only by their owner, so a
 * standby instance takes over once the holder stops renewing.
 */
export const createRedisLeases = (redis: Redis, prefix: string): Leases => ({
  lease(name, { owner, ttlMs }): Lease {
    const key = `${prefix}${name}`;
    return {
      tryAcquire: async () => (await redis.eval(ACQUIRE, 1, key, owner, ttlMs)) === 1,
      renew: async () => (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1,
      release: async () => void (await redis.eval(RELEASE, 1, key, owner)),
    };
  },
});
