/**
 * How many chat turns (one supplier message each) this process works on at once; the rest wait
 * their turn here. Past a few dozen, more concurrency adds no throughput on a busy process: it only
 * spreads the event loop thinner, and then every request waits, including Slack's, which must be
 * acknowledged within 3 s. Waiting here keeps the loop short for everything that is not a chat turn.
 */
export interface TurnLimit {
  /** Runs `work` once a slot is free; null when too many already wait (the caller answers 503). */
  run<T>(work: () => Promise<T>): Promise<{ value: T } | null>;
  readonly active: () => number;
  readonly waiting: () => number;
}

export const createTurnLimit = (options: { concurrency: number; maxWaiting: number }): TurnLimit => {
  let active = 0;
  const queue: (() => void)[] = [];

  const acquire = (): Promise<void> | null => {
    if (active < options.concurrency) {
      active++;
      return Promise.resolve();
    }
    if (queue.length >= options.maxWaiting) return null;
    // The slot is handed over by release, so `active` stays counted for the waiter.
    return new Promise((resolve) => queue.push(resolve));
  };

  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };

  return {
    async run(work) {
      const admitted = acquire();
      if (!admitted) return null;
      await admitted;
      try {
        return { value: await work() };
      } finally {
        release();
      }
    },
    active: () => active,
    waiting: () => queue.length,
  };
};
