import type { Clock } from "../../../src/core/ports/clock.js";

/**
 * Real time moved forward by hand. The service's timers, sessions and window checks read it, while
 * the ticket core stamps rows with real time; a clock that only moves forward from "now" keeps
 * items the core writes due for the worker, which a frozen manual clock would leave in its future.
 */
export const offsetClock = () => {
  let offset = 0;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
  return clock;
};

export const HOUR = 60 * 60 * 1000;
