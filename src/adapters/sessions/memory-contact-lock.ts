import type { ContactLock } from "../../core/ports/contact-lock.js";

/** One process: tasks for one key run one after another, in the order `run` was called. */
export const createMemoryContactLock = (): ContactLock => {
  const tails = new Map<string, Promise<void>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      let release = () => {};
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => done);
      tails.set(key, tail);
      return previous.then(task).finally(() => {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      });
    },
  };
};
