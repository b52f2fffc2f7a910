import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundReceipts } from "../../src/core/ports/inbound-receipts.js";

const T0 = new Date("2026-11-22T10:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 20_000;
const KEEP = 48 * 3_600_000;
const terms = { leaseMs: LEASE, keepMs: KEEP };

/** What every channel relies on to handle an inbound event once, on every store. */
export const inboundReceiptsContract = (
  name: string,
  open: () => Promise<{ receipts: InboundReceipts; close(): Promise<void> }>,
) => {
  describe(`inbound receipts contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    let receipts: InboundReceipts;
    let run = 0;
    const key = (n: number) => `test:${run}:${n}`;

    beforeAll(async () => {
      store = await open();
      receipts = store.receipts;
    });
    afterAll(async () => {
      await store?.close();
    });

    it("gives an event to one holder, and says done to every delivery once it is finished", async () => {
      run++;
      expect(await receipts.claim(key(1), T0, terms)).toBe("new");
      expect(await receipts.claim(key(1), later(10), terms)).toBe("busy");
      expect(await receipts.isDone(key(1))).toBe(false);
      await receipts.finish(key(1), later(20));
      expect(await receipts.claim(key(1), later(30), terms)).toBe("done");
      expect(await receipts.claim(key(1), later(LEASE * 2), terms)).toBe("done");
      expect(await receipts.isDone(key(1))).toBe(true);
    });

    it("lets a redelivery take over an event whose holder died, once its lease ran out", async () => {
      run++;
      expect(await receipts.claim(key(2), T0, terms)).toBe("new");
      expect(await receipts.claim(key(2), later(LEASE - 1), terms)).toBe("busy");
      expect(await receipts.claim(key(2), later(LEASE + 1), terms)).toBe("new");
      // The new holder's lease counts from its own claim.
      expect(await receipts.claim(key(2), later(LEASE + 2), terms)).toBe("busy");
    });

    it("frees a released event for the next delivery, but never releases a finished one", async () => {
      run++;
      expect(await receipts.claim(key(3), T0, terms)).toBe("new");
      await receipts.release(key(3));
      expect(await receipts.claim(key(3), later(1), terms)).toBe("new");
      await receipts.finish(key(3), later(2));
      await receipts.release(key(3));
      expect(await receipts.claim(key(3), later(3), terms)).toBe("done");
    });

    it("records a mark once, for the one caller that made it, and forgets it on request", async () => {
      run++;
      const marks = await Promise.all([1, 2, 3].map(() => receipts.mark(key(4), T0, KEEP)));
      expect(marks.filter(Boolean)).toHaveLength(1);
      expect(await receipts.isDone(key(4))).toBe(true);
      expect(await receipts.claim(key(4), T0, terms)).toBe("done");
      await receipts.forget(key(4));
      expect(await receipts.isDone(key(4))).toBe(false);
      expect(await receipts.mark(key(4), T0, KEEP)).toBe(true);
    });

    it("hands a contested event to exactly one of many claimers at once", async () => {
      run++;
      const claims = await Promise.all(Array.from({ length: 8 }, () => receipts.claim(key(5), T0, terms)));
      expect(claims.filter((c) => c === "new")).toHaveLength(1);
      expect(claims.filter((c) => c === "busy")).toHaveLength(7);
    });

    it("forgets receipts past their keep time, in batches, and only those", async () => {
      run++;
      const far = new Date("2030-01-01T00:00:00Z");
      const farLater = (ms: number) => new Date(far.getTime() + ms);
      await receipts.claim(key(6), far, { leaseMs: LEASE, keepMs: 1_000 });
      await receipts.finish(key(6), far);
      await receipts.mark(key(7), far, 1_000);
      await receipts.mark(key(8), far, KEEP);
      // Everything due by then, this suite's older receipts included, goes in batches.
      let pruned = 0;
      for (
        let batch = await receipts.prune(farLater(2_000), 1);
        batch > 0;
        batch = await receipts.prune(farLater(2_000), 1)
      )
        pruned += batch;
      expect(pruned).toBeGreaterThanOrEqual(2);
      expect(await receipts.isDone(key(6))).toBe(false);
      expect(await receipts.isDone(key(7))).toBe(false);
      expect(await receipts.isDone(key(8))).toBe(true);
      expect(await receipts.claim(key(6), farLater(3_000), terms)).toBe("new");
    });
  });
};
