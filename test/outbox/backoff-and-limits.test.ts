import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../src/adapters/outbox/backoff.js";
import { DEFAULT_RATE_LIMITS, rulesFor } from "../../src/adapters/outbox/rate-limiter.js";
import { parseRetryAfter } from "../../src/adapters/outbox/retry-after.js";

const policy = { baseMs: 1000, maxMs: 300_000 };

describe("retry backoff", () => {
  it("doubles per attempt, between half and all of the exponential step, up to the cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, r) => {
          const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempts - 1));
          const delay = retryDelayMs(attempts, policy, undefined, () => r);
          return delay >= Math.floor(step / 2) && delay <= step;
        },
      ),
    );
    expect(retryDelayMs(1, policy, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(4, policy, undefined, () => 0)).toBe(4000);
  });

  it("never comes back sooner than the platform's Retry-After", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.nat(3_600_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempts, after, r) => retryDelayMs(attempts, policy, after, () => r) >= after,
      ),
    );
  });
});

describe("Retry-After", () => {
  it("reads seconds, HTTP dates and Telegram's retry_after", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(1.5)).toBe(1500);
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:10 GMT", new Date("2026-10-21T07:28:00Z"))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter("-2")).toBeUndefined();
  });
});

describe("rate limit rules", () => {
  it("limits Telegram per chat and overall, Slack per channel, WhatsApp overall", () => {
    expect(rulesFor(DEFAULT_RATE_LIMITS, "TELEGRAM", "contact:1").map((r) => r.key)).toEqual([
      "TELEGRAM:to:contact:1",
      "TELEGRAM:all",
    ]);
    expect(rulesFor(DEFAULT_RATE_LIMITS, "SLACK", "C123")).toEqual([
      { key: "SLACK:to:C123", limit: 1, perMs: 1000 },
    ]);
    expect(rulesFor(DEFAULT_RATE_LIMITS, "WHATSAPP", "contact:1")).toEqual([
      { key: "WHATSAPP:all", limit: 80, perMs: 1000 },
    ]);
    expect(rulesFor(DEFAULT_RATE_LIMITS, "API", "x")).toEqual([]);
  });
});
