/**
 * Serializes the messages of one contact, also across service instances: callers for one key run
 * one at a time, in the order they asked for the lock.
 */
export interface ContactLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** The lock could not be taken in time (another holder is stuck or the store is unreachable). */
export class ContactLockTimeoutError extends Error {
  override readonly name = "ContactLockTimeoutError";
  constructor(readonly key: string) {
    super(`timed out waiting for the conversation lock of ${key}`);
  }
}
