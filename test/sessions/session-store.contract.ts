import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionStore } from "../../src/core/ports/session-store.js";

export interface SessionStoreFixture {
  readonly store: SessionStore;
  /** Lets the state's TTL pass (moves a manual clock, or waits on Redis's). */
  readonly letTtlPass: () => Promise<void>;
  readonly close: () => Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 12, minute));
const entry = (state: string, minute: number) => ({
  state,
  summary: `summary of ${state}`,
  lastActivityAt: at(minute),
});

/** What every session store must do; run against memory and the real Redis. */
export const sessionStoreContract = (name: string, open: () => Promise<SessionStoreFixture>) => {
  describe(`session store contract: ${name}`, () => {
    let f: SessionStoreFixture;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it("returns null for a contact without a session, then what was saved, then the newer save", async () => {
      expect(await f.store.load("c1")).toBeNull();
      await f.store.save("c1", entry("one", 0));
      expect(await f.store.load("c1")).toBe("one");
      await f.store.save("c1", entry("two", 5));
      expect(await f.store.load("c1")).toBe("two");
      expect(await f.store.load("c2")).toBeNull();
    });

    it("forgets state, summary and index on delete", async () => {
      await f.store.save("c1", entry("one", 0));
      await f.store.delete("c1");
      expect(await f.store.load("c1")).toBeNull();
      expect(await f.store.listIdle(at(60), 10)).toEqual([]);
      expect(await f.store.claimIdle("c1", at(60))).toBeNull();
    });

    it("lists sessions idle at or before the cutoff, oldest first, up to the limit", async () => {
      await f.store.save("late", entry("late", 20));
      await f.store.save("early", entry("early", 1));
      await f.store.save("middle", entry("middle", 10));
      expect(await f.store.listIdle(at(10), 10)).toEqual(["early", "middle"]);
      expect(await f.store.listIdle(at(30), 2)).toEqual(["early", "middle"]);
      expect(await f.store.listIdle(at(0), 10)).toEqual([]);
    });

    it("moves a session out of the idle list when it is saved again with newer activity", async () => {
      await f.store.save("c1", entry("one", 0));
      await f.store.save("c1", entry("two", 40));
      expect(await f.store.listIdle(at(30), 10)).toEqual([]);
      expect(await f.store.claimIdle("c1", at(30))).toBeNull();
      expect(await f.store.load("c1")).toBe("two");
    });

    it("hands an idle session's summary to one claimer and removes the session", async () => {
      await f.store.save("c1", entry("one", 0));
      expect(await f.store.claimIdle("c1", at(30))).toBe("summary of one");
      expect(await f.store.claimIdle("c1", at(30))).toBeNull();
      expect(await f.store.load("c1")).toBeNull();
      expect(await f.store.listIdle(at(30), 10)).toEqual([]);
    });

    it("gives an idle session to exactly one of many simultaneous claimers", async () => {
      await f.store.save("c1", entry("one", 0));
      const claims = await Promise.all(Array.from({ length: 10 }, () => f.store.claimIdle("c1", at(30))));
      expect(claims.filter((c) => c !== null)).toEqual(["summary of one"]);
    });

    it("keeps the summary claimable after the state's TTL passed, so the sweeper can still end the flow", async () => {
      await f.store.save("c1", entry("one", 0));
      await f.letTtlPass();
      expect(await f.store.load("c1")).toBeNull();
      expect(await f.store.listIdle(at(30), 10)).toEqual(["c1"]);
      expect(await f.store.claimIdle("c1", at(30))).toBe("summary of one");
    });
  });
};
