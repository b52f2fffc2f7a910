export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Delay before attempt n+1 after attempt n failed: exponential, capped, with "equal jitter"
 * (half fixed, half random) so instances that failed together do not retry together.
 * A platform's Retry-After is a floor: we never come back sooner than it asked.
 */
export const retryDelayMs = (
  attempts: number,
  policy: BackoffPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number => {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  if (retryAfterMs === undefined) return Math.round(jittered);
  // A little spread above Retry-After too, or every waiting item would return in the same instant.
  return Math.round(Math.max(retryAfterMs, 0) + random() * Math.min(1000, policy.baseMs));
};
