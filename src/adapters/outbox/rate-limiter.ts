import type { Channel } from "../../core/ticket/channel.js";

/** At most `limit` sends per `perMs`, counted for one key. */
export interface RateRule {
  readonly key: string;
  readonly limit: number;
  readonly perMs: number;
}

/**
 * Spaces out sends with GCRA (a token bucket kept as one timestamp per key). `take` either
 * consumes one send from every rule at once and answers 0, or consumes nothing and answers how
 * many milliseconds to wait before asking again.
 */
export interface RateLimiter {
  take(rules: readonly RateRule[]): Promise<number>;
  /** What `take` would answer, consuming nothing: for budgets spent only on failures (see auth-guard). */
  wait(rules: readonly RateRule[]): Promise<number>;
}

export interface ChannelRateLimit {
  /** Per chat, per Slack channel: the sender's destination (the item's scope by default). */
  readonly perDestination?: { readonly limit: number; readonly perMs: number };
  readonly overall?: { readonly limit: number; readonly perMs: number };
}
export type RateLimits = Readonly<Partial<Record<Channel, ChannelRateLimit>>>;

/** The platforms' published limits: Slack ~1/s per channel, Telegram 1/s per chat and 30/s in all, WhatsApp Cloud 80/s. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  SLACK: { perDestination: { limit: 1, perMs: 1000 } },
  TELEGRAM: { perDestination: { limit: 1, perMs: 1000 }, overall: { limit: 30, perMs: 1000 } },
  WHATSAPP: { overall: { limit: 80, perMs: 1000 } },
};

/**
 * WhatsApp Web drives a phone: bursts at Cloud API speed get numbers banned, so it goes at a
 * person's pace (one message a second per chat, twenty a minute in all).
 */
export const WHATSAPP_WEB_RATE_LIMITS: RateLimits = {
  ...DEFAULT_RATE_LIMITS,
  WHATSAPP: { perDestination: { limit: 1, perMs: 1000 }, overall: { limit: 20, perMs: 60_000 } },
};

export const rulesFor = (limits: RateLimits, channel: Channel, destination: string): RateRule[] => {
  const limit = limits[channel];
  if (!limit) return [];
  return [
    ...(limit.perDestination ? [{ key: `${channel}:to:${destination}`, ...limit.perDestination }] : []),
    ...(limit.overall ? [{ key: `${channel}:all`, ...limit.overall }] : []),
  ];
};

/** GCRA step: the new theoretical arrival time, or how long to wait. Shared by the memory and Redis limiters. */
export const gcra = (
  tat: number,
  now: number,
  rule: RateRule,
): { allowed: boolean; tat: number; waitMs: number } => {
  const interval = rule.perMs / rule.limit;
  const burst = interval * (rule.limit - 1);
  const next = Math.max(tat, now) + interval;
  const allowedAt = next - interval - burst;
  return allowedAt <= now
    ? { allowed: true, tat: next, waitMs: 0 }
    : { allowed: false, tat, waitMs: Math.ceil(allowedAt - now) };
};

/** One process's limiter, used alone (one instance) or while Redis is unreachable. */
export const createMemoryRateLimiter = (now: () => number = Date.now): RateLimiter => {
  const tats = new Map<string, number>();
  const stepsAt = (at: number, rules: readonly RateRule[]) =>
    rules.map((rule) => ({ rule, step: gcra(tats.get(rule.key) ?? at, at, rule) }));
  return {
    async wait(rules) {
      return Math.max(0, ...stepsAt(now(), rules).map((s) => s.step.waitMs));
    },
    async take(rules) {
      const at = now();
      const steps = stepsAt(at, rules);
      const wait = Math.max(0, ...steps.map((s) => s.step.waitMs));
      if (wait > 0) return wait;
      for (const { rule, step } of steps) tats.set(rule.key, step.tat);
      // Keys idle for a while hold nothing: forget them so per-chat keys do not pile up.
      if (tats.size > 10_000) for (const [key, tat] of tats) if (tat < at) tats.delete(key);
      return 0;
    },
  };
};
