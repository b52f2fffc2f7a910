import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { RateLimiter, RateRule } from "./rate-limiter.js";

/**
 * The GCRA of rate-limiter.ts as one Lua script, so every instance shares the budget and a
 * multi-rule take is atomic. Time is Redis's own clock, so instances' clocks need not agree.
 * KEYS: the rule keys; ARGV: "take" or "wait", then limit, perMs for each key in turn. Returns 0
 * or the wait in ms; "wait" only answers, consuming nothing.
 */
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local tats = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local per = tonumber(ARGV[2 * i + 1])
  local interval = per / limit
  local burst = interval * (limit - 1)
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local allowed_at = tat - burst
  if allowed_at > now then
    wait = math.max(wait, math.ceil(allowed_at - now))
  end
  tats[i] = tat + interval
end
if wait > 0 or ARGV[1] == 'wait' then return wait end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, tostring(tats[i]), 'PX', math.ceil(tats[i] - now) + 1000)
end
return 0
`;

export const createRedisRateLimiter = (redis: Redis, prefix: string): RateLimiter => {
  const run = async (mode: "take" | "wait", rules: readonly RateRule[]) => {
    if (rules.length === 0) return 0;
    const keys = rules.map((r) => `${prefix}rate:${r.key}`);
    const args = rules.flatMap((r) => [String(r.limit), String(r.perMs)]);
    return Number(await redis.eval(SCRIPT, keys.length, ...keys, mode, ...args));
  };
  return { take: (rules) => run("take", rules), wait: (rules) => run("wait", rules) };
};

/**
 * Redis when it answers, this process's own budget while it does not: deliveries go on through
 * a Redis outage, at worst a little over the platform limit, which the 429 handling absorbs.
 */
export const withFallback = (primary: RateLimiter, fallback: RateLimiter, log: Logger): RateLimiter => {
  let degraded = false;
  const either = async (ask: (limiter: RateLimiter) => Promise<number>) => {
    try {
      const wait = await ask(primary);
      if (degraded) log.info("rate limiter: Redis is back, sharing limits again");
      degraded = false;
      return wait;
    } catch (error) {
      if (!degraded)
        log.warn({ err: error }, "rate limiter: Redis unreachable, limiting per process meanwhile");
      degraded = true;
      return ask(fallback);
    }
  };
  return {
    take: (rules) => either((limiter) => limiter.take(rules)),
    wait: (rules) => either((limiter) => limiter.wait(rules)),
  };
};
