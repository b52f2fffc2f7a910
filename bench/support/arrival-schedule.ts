/** How the gaps between offered messages are drawn. */
export type ArrivalShape = "poisson" | "fixed";

/**
 * mulberry32: a tiny seeded generator, so every run offers the very same schedule and two runs
 * differ only in what the service did with it.
 */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Gaps in ms between messages offered at `ratePerSecond`. Poisson arrivals (exponential gaps) are
 * how independent people write: bursts and lulls around the mean, which a fixed gap would hide.
 */
export const arrivalGaps = (ratePerSecond: number, shape: ArrivalShape, seed: number): (() => number) => {
  const meanMs = 1000 / ratePerSecond;
  if (shape === "fixed") return () => meanMs;
  const random = seeded(seed);
  return () => -Math.log(1 - random()) * meanMs;
};
