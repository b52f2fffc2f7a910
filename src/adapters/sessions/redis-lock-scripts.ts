/**
 * A fair lock per contact: waiters queue in a list (arrival order at Redis), the head takes the owner
 * key with SET NX PX, and release is compare-and-delete. Every queued token has an "alive" key with a
 * TTL, refreshed while its process waits or holds; a token whose alive key expired (its process died)
 * is dropped from the head, so a crash never blocks the queue for longer than the TTL.
 *
 * Keys of one contact share a hash tag ({...}) so the scripts stay on one slot in a cluster; the alive
 * keys of other tokens are built from ARGV[alivePrefix] for the same reason.
 */

// KEYS: queue, alive(token)   ARGV: token, ttl
export const ENQUEUE = `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 4)
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return 1
`;

// KEYS: queue, owner   ARGV: token, ttl, alivePrefix   -> 1 when the caller now holds the lock
export const TRY_ACQUIRE = `
local token, ttl, alive = ARGV[1], tonumber(ARGV[2]), ARGV[3]
redis.call('SET', alive .. token, '1', 'PX', ttl)
if not redis.call('LPOS', KEYS[1], token) then redis.call('RPUSH', KEYS[1], token) end
redis.call('PEXPIRE', KEYS[1], ttl * 4)
local head = redis.call('LINDEX', KEYS[1], 0)
while head and head ~= token and redis.call('EXISTS', alive .. head) == 0 do
  redis.call('LPOP', KEYS[1])
  head = redis.call('LINDEX', KEYS[1], 0)
end
if head ~= token then return 0 end
if redis.call('SET', KEYS[2], token, 'NX', 'PX', ttl) then return 1 end
if redis.call('GET', KEYS[2]) == token then
  redis.call('PEXPIRE', KEYS[2], ttl)
  return 1
end
return 0
`;

// KEYS: owner, alive(token)   ARGV: token, ttl   -> 0 when the lock was lost (expired and taken over)
export const EXTEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return 1
`;

// KEYS: queue, owner, alive(token)   ARGV: token   Only ever removes what this token owns.
export const RELEASE = `
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('DEL', KEYS[3])
return 1
`;
