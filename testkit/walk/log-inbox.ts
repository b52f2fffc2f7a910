/** One entry of a fake platform API's log that is a bot message to someone. */
export interface Arrival<K, T> {
  readonly to: K;
  readonly item: T;
  /** When it reached the fake API (Date.now() clock). */
  readonly at: number;
}

/**
 * Each recipient's bot messages, read from a fake platform API's log by one scanner every 2 ms,
 * so hundreds of waiting suppliers cost one pass over the log instead of one each. `arrival` picks
 * the log entries that are bot messages (null for anything else).
 */
export const createLogInbox = <E, K, T>(
  log: () => readonly E[],
  arrival: (entry: E, scannedAt: number) => Arrival<K, T> | null,
) => {
  const received = new Map<K, Arrival<K, T>[]>();
  const waiters = new Map<K, { count: number; resolve: () => void }[]>();
  let scanned = 0;

  const scan = () => {
    const entries = log();
    const scannedAt = Date.now();
    for (; scanned < entries.length; scanned++) {
      const found = arrival(entries[scanned]!, scannedAt);
      if (!found) continue;
      const list = received.get(found.to) ?? [];
      list.push(found);
      received.set(found.to, list);
      const pending = waiters.get(found.to);
      if (!pending) continue;
      waiters.set(
        found.to,
        pending.filter((w) => {
          if (list.length < w.count) return true;
          w.resolve();
          return false;
        }),
      );
    }
  };
  const timer = setInterval(scan, 2);

  const count = (to: K): number => received.get(to)?.length ?? 0;

  return {
    /** Messages this recipient has received so far. */
    count,
    /** The recipient's messages so far, oldest first. */
    items: (to: K): T[] => (received.get(to) ?? []).map((a) => a.item),
    /** When the recipient's message number `index`, from 0, arrived. */
    arrivedAt: (to: K, index: number): number => received.get(to)![index]!.at,
    /** Resolves once the recipient has `wanted` messages in all; rejects after `timeoutMs`. */
    waitFor(to: K, wanted: number, timeoutMs: number): Promise<void> {
      if (count(to) >= wanted) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(
          () => reject(new Error(`${String(to)}: ${count(to)} of ${wanted} bot messages in time`)),
          timeoutMs,
        );
        const list = waiters.get(to) ?? [];
        list.push({
          count: wanted,
          resolve: () => {
            clearTimeout(timeout);
            resolve();
          },
        });
        waiters.set(to, list);
      });
    },
    close: () => clearInterval(timer),
  };
};
