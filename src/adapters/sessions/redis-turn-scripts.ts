import { redisScript } from "./redis-script.js";

/**
 * A turn of one contact in two round trips. The lock is fair: tokens queue in a list (arrival order
 * at Redis), the head takes the owner key with a TTL, and every queued token has an "alive" key with
 * a TTL, refreshed while its process waits or holds; a token whose alive key expired (its process
 * died) is dropped from the head, so a crash never blocks the queue for longer than the TTL.
 * Writes are fenced: a turn commits only while the owner key still holds its token.
 *
 * KEYS, for every script of a turn: queue, owner, handled(message), state(contact), idle index,
 * summaries, answers-queued(contact). A handled mark holds the contact's id, so an erasure finds it. The alive keys of other tokens are built from ARGV[alivePrefix].
 */

// ARGV: token, ttl, alivePrefix, contactId, checkHandled ("1"/"0")
// -> {0} not yet (wait), {2} the message was handled (lock not kept),
//    {1, state, summary, lastActivity, answersQueued}
export const BEGIN = redisScript(`
local token, ttl, alive = ARGV[1], tonumber(ARGV[2]), ARGV[3]
redis.call('SET', alive .. token, '1', 'PX', ttl)
if not redis.call('LPOS', KEYS[1], token) then redis.call('RPUSH', KEYS[1], token) end
redis.call('PEXPIRE', KEYS[1], ttl * 4)
local head = redis.call('LINDEX', KEYS[1], 0)
while head and head ~= token and redis.call('EXISTS', alive .. head) == 0 do
  redis.call('LPOP', KEYS[1])
  head = redis.call('LINDEX', KEYS[1], 0)
end
if head ~= token then return {0} end
local owner = redis.call('GET', KEYS[2])
if owner and owner ~= token then return {0} end
redis.call('SET', KEYS[2], token, 'PX', ttl)
if ARGV[5] == '1' and redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('DEL', KEYS[2])
  redis.call('LREM', KEYS[1], 1, token)
  redis.call('DEL', alive .. token)
  return {2}
end
return {1, redis.call('GET', KEYS[4]), redis.call('HGET', KEYS[6], ARGV[4]), redis.call('ZSCORE', KEYS[5], ARGV[4]),
  redis.call('EXISTS', KEYS[7])}
`);

// ARGV: token, alivePrefix, contactId, mode ("save"/"delete"), state, summary, lastActivityMs,
//       stateTtl, rememberMs, markHandled ("1"/"0"), answersQueuedTtl (0: none queued)
// -> 1 committed, 0 the lock was lost (nothing written)
export const COMMIT = redisScript(`
local token = ARGV[1]
local holds = redis.call('GET', KEYS[2]) == token
if holds then
  if ARGV[4] == 'save' then
    redis.call('SET', KEYS[4], ARGV[5], 'PX', ARGV[8])
    redis.call('ZADD', KEYS[5], ARGV[7], ARGV[3])
    redis.call('HSET', KEYS[6], ARGV[3], ARGV[6])
  else
    redis.call('DEL', KEYS[4])
    redis.call('ZREM', KEYS[5], ARGV[3])
    redis.call('HDEL', KEYS[6], ARGV[3])
  end
  if ARGV[10] == '1' then redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[9]) end
  if ARGV[11] == '0' then redis.call('DEL', KEYS[7]) else redis.call('SET', KEYS[7], '1', 'PX', ARGV[11]) end
  redis.call('DEL', KEYS[2])
end
redis.call('LREM', KEYS[1], 1, token)
redis.call('DEL', ARGV[2] .. token)
if holds then return 1 end
return 0
`);

// ARGV: token, alivePrefix   Only ever removes what this token owns.
export const ABORT = redisScript(`
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('DEL', ARGV[2] .. ARGV[1])
return 1
`);

// ARGV: token, ttl, alivePrefix   -> 0 when the lock was lost (expired and taken over)
export const EXTEND = redisScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('SET', ARGV[3] .. ARGV[1], '1', 'PX', ARGV[2])
return 1
`);

// KEYS: idle index, summaries, state   ARGV: contactId, cutoffMs
// Removes the session only if it is still idle at the cutoff, and hands its summary to this caller alone.
export const CLAIM_IDLE = redisScript(`
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then return false end
redis.call('ZREM', KEYS[1], ARGV[1])
local summary = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3])
return summary or ''
`);

// KEYS: idle index, summaries, state, answers-queued   ARGV: contactId
// Erasure: the contact's session goes at once, whatever its age.
export const FORGET = redisScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3], KEYS[4])
return 1
`);
