import type { FakeGraphApi, SentMessage } from "../../test/support/fake-graph-api.js";

/**
 * Each WhatsApp number's messages from the bot, read from the fake Graph API's log by one scanner
 * (as bot-inbox.ts does for Telegram), so hundreds of waiting suppliers cost one pass over the log.
 * The fake API keeps no arrival time, so a message is stamped when the scanner sees it, at most a
 * scan interval (2 ms) late.
 */
export const createGraphInbox = (api: FakeGraphApi) => {
  const received = new Map<string, { message: SentMessage; at: number }[]>();
  const waiters = new Map<string, { count: number; resolve: () => void }[]>();
  let scanned = 0;

  const scan = () => {
    const messages = api.messages();
    const at = Date.now();
    for (; scanned < messages.length; scanned++) {
      const message = messages[scanned]!;
      const list = received.get(message.to) ?? [];
      list.push({ message, at });
      received.set(message.to, list);
      const pending = waiters.get(message.to);
      if (!pending) continue;
      waiters.set(
        message.to,
        pending.filter((w) => {
          if (list.length < w.count) return true;
          w.resolve();
          return false;
        }),
      );
    }
  };
  const timer = setInterval(scan, 2);

  const count = (waId: string): number => received.get(waId)?.length ?? 0;

  return {
    count,
    /** The messages sent to this number so far, oldest first. */
    messages: (waId: string): SentMessage[] => (received.get(waId) ?? []).map((r) => r.message),
    /** When (Date.now() clock) the number's message `index`, from 0, was seen. */
    arrivedAt: (waId: string, index: number): number => received.get(waId)![index]!.at,
    /** Resolves once the number has `wanted` messages in all; rejects after `timeoutMs`. */
    waitFor(waId: string, wanted: number, timeoutMs: number): Promise<void> {
      if (count(waId) >= wanted) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(
          () => reject(new Error(`${waId}: ${count(waId)} of ${wanted} bot messages in time`)),
          timeoutMs,
        );
        const list = waiters.get(waId) ?? [];
        list.push({
          count: wanted,
          resolve: () => {
            clearTimeout(timeout);
            resolve();
          },
        });
        waiters.set(waId, list);
      });
    },
    close: () => clearInterval(timer),
  };
};

export type GraphInbox = ReturnType<typeof createGraphInbox>;
