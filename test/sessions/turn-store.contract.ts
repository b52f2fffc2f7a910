import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ContactLockTimeoutError,
  type OpenTurn,
  type TurnStart,
  type TurnStore,
  type TurnTerms,
} from "../../src/core/ports/turn-store.js";

export interface TurnStoreFixture {
  readonly store: TurnStore;
  /** Lets time pass as the store sees it: the test's clock for memory, real time for Redis. */
  elapse(ms: number): Promise<void>;
  readonly close: () => Promise<void>;
}

/** The store's timing in the contract: a short idle timeout and handled window, so they can pass. */
// On Redis these run in real time: a session, a handled message and a waiting turn must outlast the
// pauses a busy machine puts between a test's consecutive calls (at 400 ms, a stall of that length
// between a commit and the next begin would find the session or the handled mark already gone).
export const CONTRACT_TIMING = { sessionTtlMs: 2000, rememberMs: 2000, waitMs: 1500 } as const;

/** A promise the test resolves by hand. */
export const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
};

export const opened = (start: TurnStart): OpenTurn => {
  if (start.kind !== "open") throw new Error(`expected an open turn, got ${start.kind}`);
  return start;
};

let n = 0;
const entry = (state: string, at = new Date()) => ({
  state,
  summary: `summary of ${state}`,
  lastActivityAt: at,
});

/** What every turn store must do; run against memory and the real Redis. */
export const turnStoreContract = (name: string, make: () => Promise<TurnStoreFixture>) => {
  describe(`turn store contract: ${name}`, () => {
    let f: TurnStoreFixture;
    let terms: (overrides?: Partial<TurnTerms>) => TurnTerms;
    beforeEach(async () => {
      f = await make();
      n += 1;
      terms = (overrides = {}) => ({
        lockKey: `TELEGRAM:${n}`,
        contactId: `contact-${n}`,
        messageKey: `TELEGRAM:m${n}:${Math.random()}`,
        rememberMs: CONTRACT_TIMING.rememberMs,
        ...overrides,
      });
    });
    afterEach(async () => {
      await f.close();
    });

    it("starts with no session, keeps what a turn commits, and forgets it when a turn commits none", async () => {
      const first = opened(await f.store.begin(terms()));
      expect(first.session).toBeNull();
      expect(first.answersQueued).toBe(false);
      expect(await first.commit(entry("a"), { queued: false })).toBe(true);
      const second = opened(await f.store.begin(terms()));
      expect(second.session).toMatchObject({ state: "a", summary: "summary of a" });
      expect(second.session?.lastActivityAt).toBeInstanceOf(Date);
      expect(await second.commit(null, { queued: false })).toBe(true);
      const third = opened(await f.store.begin(terms()));
      expect(third.session).toBeNull();
      await third.abort();
    });

    it("answers a committed message as done, an aborted one as new, for the window it is remembered", async () => {
      const message = terms();
      expect(await opened(await f.store.begin(message)).commit(entry("a"), { queued: false })).toBe(true);
      expect((await f.store.begin(message)).kind).toBe("done");
      const other = terms();
      await opened(await f.store.begin(other)).abort();
      const again = opened(await f.store.begin(other));
      // Aborted: nothing of it was written, and the session is as the last commit left it.
      expect(again.session?.state).toBe("a");
      await again.abort();
      await f.elapse(CONTRACT_TIMING.rememberMs + 100);
      const forgotten = await f.store.begin(message);
      expect(forgotten.kind).toBe("open");
      if (forgotten.kind === "open") await forgotten.abort();
    });

    it("remembers that an answer waits in the outbox until a turn says it went", async () => {
      await opened(await f.store.begin(terms())).commit(entry("a"), { queued: true });
      const queued = opened(await f.store.begin(terms()));
      expect(queued.answersQueued).toBe(true);
      await queued.commit(null, { queued: true });
      const still = opened(await f.store.begin(terms()));
      expect(still.answersQueued).toBe(true);
      await still.commit(null, { queued: false });
      const drained = opened(await f.store.begin(terms()));
      expect(drained.answersQueued).toBe(false);
      await drained.abort();
    });

    it("runs the turns of one contact one at a time, in the order they began", async () => {
      const order: string[] = [];
      const holder = opened(await f.store.begin(terms()));
      const waiting = ["second", "third", "fourth"].map((who) =>
        f.store.begin(terms()).then(async (start) => {
          order.push(`${who} in`);
          await opened(start).commit(entry(who), { queued: false });
          order.push(`${who} out`);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(order).toEqual([]);
      await holder.commit(entry("first"), { queued: false });
      await Promise.all(waiting);
      expect(order).toEqual(["second in", "second out", "third in", "third out", "fourth in", "fourth out"]);
    });

    it("lets turns of different contacts run side by side", async () => {
      const a = opened(await f.store.begin(terms({ lockKey: `A:${n}`, contactId: `a-${n}` })));
      const b = opened(await f.store.begin(terms({ lockKey: `B:${n}`, contactId: `b-${n}` })));
      expect(await b.commit(entry("b"), { queued: false })).toBe(true);
      expect(await a.commit(entry("a"), { queued: false })).toBe(true);
    });

    it("gives up waiting for a turn with a typed error, and lets the holder finish", async () => {
      const holder = opened(await f.store.begin(terms()));
      await expect(f.store.begin(terms())).rejects.toBeInstanceOf(ContactLockTimeoutError);
      expect(await holder.commit(entry("kept"), { queued: false })).toBe(true);
      const next = opened(await f.store.begin(terms()));
      expect(next.session?.state).toBe("kept");
      await next.abort();
    });

    it("lists idle sessions oldest first and hands each to exactly one claimer", async () => {
      const now = Date.now();
      for (const [i, age] of [3, 1, 2].entries()) {
        const t = terms({ lockKey: `L:${n}:${i}`, contactId: `idle-${n}-${i}` });
        await opened(await f.store.begin(t)).commit(entry(`s${i}`, new Date(now - age * 60_000)), {
          queued: false,
        });
      }
      const cutoff = new Date(now - 30_000);
      const idle = (await f.store.listIdle(cutoff, 100)).filter((id) => id.startsWith(`idle-${n}-`));
      expect(idle).toEqual([`idle-${n}-0`, `idle-${n}-2`, `idle-${n}-1`]);
      const claims = await Promise.all([1, 2, 3].map(() => f.store.claimIdle(`idle-${n}-0`, cutoff)));
      expect(claims.filter((c) => c !== null)).toEqual(["summary of s0"]);
      expect(await f.store.claimIdle(`idle-${n}-1`, new Date(now - 5 * 60_000))).toBeNull();
      expect((await f.store.listIdle(cutoff, 100)).filter((id) => id.startsWith(`idle-${n}-`))).toEqual([
        `idle-${n}-2`,
        `idle-${n}-1`,
      ]);
    });

    it("keeps the summary claimable after the state's idle timeout, so the sweeper can end the flow", async () => {
      const t = terms();
      await opened(await f.store.begin(t)).commit(entry("s"), { queued: false });
      await f.elapse(CONTRACT_TIMING.sessionTtlMs + 100);
      const later = opened(await f.store.begin(terms()));
      expect(later.session).toMatchObject({ state: null, summary: "summary of s" });
      await later.abort();
      expect(await f.store.claimIdle(t.contactId, new Date(Date.now() + 60_000))).toBe("summary of s");
    });

    it("forgets one contact's session, queued mark and handled messages at once, and no other's", async () => {
      const mine = terms();
      const other = terms({ lockKey: `${mine.lockKey}:other`, contactId: `${mine.contactId}:other` });
      await opened(await f.store.begin(mine)).commit(entry("mine"), { queued: true });
      await opened(await f.store.begin(other)).commit(entry("other"), { queued: true });
      await f.store.forget(mine.contactId);

      // The same message again is new: nothing of the contact is left to recognise it by.
      const again = opened(await f.store.begin(mine));
      expect(again.session).toBeNull();
      expect(again.answersQueued).toBe(false);
      await again.abort();
      expect(await f.store.listIdle(new Date(Date.now() + 60_000), 100)).not.toContain(mine.contactId);
      expect((await f.store.begin(other)).kind).toBe("done");
      const theirs = opened(await f.store.begin({ ...other, messageKey: null }));
      expect(theirs.session).toMatchObject({ state: "other" });
      expect(theirs.answersQueued).toBe(true);
      await theirs.abort();
    });
  });
};
