import type { InboundReceipts } from "../../../core/ports/inbound-receipts.js";

interface Receipt {
  leaseUntil: number;
  done: boolean;
  expiresAt: number;
}

/** Receipts in this process (one instance, the embedded setup and tests); same rules as PostgreSQL's. */
export const createMemoryInboundReceipts = (): InboundReceipts => {
  const receipts = new Map<string, Receipt>();
  return {
    async claim(key, now, { leaseMs, keepMs }) {
      const at = now.getTime();
      const held = receipts.get(key);
      if (held?.done) return "done";
      if (held && held.leaseUntil >= at) return "busy";
      receipts.set(key, { leaseUntil: at + leaseMs, done: false, expiresAt: at + keepMs });
      return "new";
    },
    async finish(key) {
      const held = receipts.get(key);
      if (held) held.done = true;
    },
    async release(key) {
      if (receipts.get(key)?.done === false) receipts.delete(key);
    },
    async mark(key, now, keepMs) {
      if (receipts.has(key)) return false;
      receipts.set(key, { leaseUntil: 0, done: true, expiresAt: now.getTime() + keepMs });
      return true;
    },
    async forget(key) {
      receipts.delete(key);
    },
    isDone: async (key) => receipts.get(key)?.done === true,
    async prune(now, limit) {
      let pruned = 0;
      for (const [key, receipt] of receipts) {
        if (pruned >= limit) break;
        if (receipt.expiresAt < now.getTime()) {
          receipts.delete(key);
          pruned += 1;
        }
      }
      return pruned;
    },
  };
};
