import type { FakeTelegramApi } from "../../test/support/fake-telegram-api.js";

const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendDocument"]);

/**
 * When each chat got each bot message, read from the fake Bot API's call log by one scanner, so
 * hundreds of waiting suppliers cost one pass over the log instead of one each. Times are the
 * fake API's own arrival stamps, so a late scan does not inflate latencies.
 */
export const createBotInbox = (api: FakeTelegramApi) => {
  const arrivals = new Map<number, number[]>();
  const waiters = new Map<number, { count: number; resolve: () => void }[]>();
  let scanned = 0;

  const scan = () => {
    const calls = api.calls();
    for (; scanned < calls.length; scanned++) {
      const call = calls[scanned]!;
      if (!SEND_METHODS.has(call.method)) continue;
      const chat = Number(call.params.chat_id);
      const list = arrivals.get(chat) ?? [];
      list.push(call.at);
      arrivals.set(chat, list);
      const pending = waiters.get(chat);
      if (!pending) continue;
      const still = pending.filter((w) => {
        if (list.length < w.count) return true;
        w.resolve();
        return false;
      });
      waiters.set(chat, still);
    }
  };
  const timer = setInterval(scan, 2);

  return {
    /** Messages this chat has received so far. */
    count: (chat: number): number => arrivals.get(chat)?.length ?? 0,
    /** The arrival time (Date.now() clock) of the chat's message number `index`, from 0. */
    arrivedAt: (chat: number, index: number): number => arrivals.get(chat)![index]!,
    /** Resolves once the chat has `count` messages in all; rejects after `timeoutMs`. */
    waitFor(chat: number, count: number, timeoutMs: number): Promise<void> {
      if (this.count(chat) >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(
          () => reject(new Error(`chat ${chat}: ${this.count(chat)} of ${count} bot messages in time`)),
          timeoutMs,
        );
        const list = waiters.get(chat) ?? [];
        list.push({
          count,
          resolve: () => {
            clearTimeout(timeout);
            resolve();
          },
        });
        waiters.set(chat, list);
      });
    },
    close: () => clearInterval(timer),
  };
};

export type BotInbox = ReturnType<typeof createBotInbox>;
