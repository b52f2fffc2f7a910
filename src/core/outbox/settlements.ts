import type { OutboxQueue } from "../ports/outbox-queue.js";
import type { Settlement } from "./delivery.js";

/** An outbox implementation before listeners are attached: the same calls, without `onSettled`. */
export type OutboxStore = Omit<OutboxQueue, "onSettled">;

/**
 * Adds `onSettled` to a store: every call that returns a Settlement is announced to the listeners.
 * Shared by the PostgreSQL and memory outboxes, so both announce exactly the same changes.
 */
export const withSettlements = (store: OutboxStore): OutboxQueue => {
  const listeners: ((settlement: Settlement) => void)[] = [];
  const announce = <T extends Settlement | null>(settlement: T): T => {
    if (settlement) for (const listener of listeners) listener(settlement);
    return settlement;
  };
  return {
    ...store,
    markDelivered: async (id, delivery) => announce(await store.markDelivered(id, delivery)),
    markFailed: async (id, workerId, failure) => announce(await store.markFailed(id, workerId, failure)),
    cancel: async (key) => announce(await store.cancel(key)),
    recordReceipt: async (channel, platformMessageId, receipt) =>
      announce(await store.recordReceipt(channel, platformMessageId, receipt)),
    reopenDelivered: async (channel, platformMessageId, change) =>
      announce(await store.reopenDelivered(channel, platformMessageId, change)),
    onSettled(listener) {
      listeners.push(listener);
    },
  };
};
