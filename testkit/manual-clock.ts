import type { Clock } from "../src/core/ports/clock.js";

/** A clock the test moves by hand. */
export const manualClock = (start = new Date("2026-03-02T12:00:00.000Z")) => {
  let current = start.getTime();
  const clock: Clock & { advance(ms: number): void; set(at: Date): void } = {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
  return clock;
};

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
