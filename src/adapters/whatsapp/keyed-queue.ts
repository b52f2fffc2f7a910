/**
 * Runs tasks one at a time per key, in the order they were queued: a supplier's text sent after a
 * photo must not overtake it while the photo downloads. Different keys run side by side.
 */
export const createKeyedQueue = () => {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const next = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(task);
      tails.set(key, next);
      const forget = () => {
        if (tails.get(key) === next) tails.delete(key);
      };
      next.then(forget, forget);
      return next;
    },
    /** Waits for everything queued so far (at shutdown). */
    async drain(): Promise<void> {
      await Promise.allSettled([...tails.values()]);
    },
  };
};
