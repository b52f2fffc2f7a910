import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DELIVERY_RECEIPTS, type DeliveryReceipt, type Settlement } from "../../src/core/outbox/delivery.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import type { OutboxQueue } from "../../src/core/ports/outbox-queue.js";

/** An empty outbox and the writer that fills it, as a ticket change or the engine writes items. */
export interface OutboxUnderTest {
  readonly queue: OutboxQueue;
  write(drafts: readonly OutboxDraft[]): Promise<void>;
}

export interface OutboxBackend {
  /** An outbox with no items in it; each rule is checked on its own rows. */
  fresh(): Promise<OutboxUnderTest>;
  close(): Promise<void>;
}

const T0 = new Date("2026-03-02T12:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

const item = (scope: string, n: number, availableAt = T0, extra: Partial<OutboxDraft> = {}): OutboxDraft => ({
  key: `${scope}:${n}`,
  channel: "TELEGRAM",
  kind: "agent_reply",
  ticketId: null,
  scope,
  payload: { n, contactId: `contact-${scope}`, body: `reply ${n}` },
  availableAt,
  ...extra,
});

/**
 * The claiming, ordering and state rules every instance relies on, for every outbox: PostgreSQL,
 * embedded PGlite and memory alike.
 */
export const outboxQueueContract = (name: string, open: () => Promise<OutboxBackend>) => {
  describe(`outbox queue contract: ${name}`, () => {
    let backend: OutboxBackend;
    let queue: OutboxQueue;
    let write: OutboxUnderTest["write"];
    const claim = (workerId: string, now = T0, limit = 100) =>
      queue.claim({ workerId, channels: ["TELEGRAM"], limit, leaseMs: 60_000, now });
    const keys = (items: { key: string }[]) => items.map((i) => i.key).sort();

    beforeAll(async () => {
      backend = await open();
    });
    afterAll(async () => {
      await backend?.close();
    });
    beforeEach(async () => {
      ({ queue, write } = await backend.fresh());
    });

    it("claims the first due item of each scope, counting the attempt", async () => {
      await write([item("a", 1), item("a", 2), item("b", 1), item("c", 1, at(60))]);
      const claimed = await claim("w1");
      expect(keys(claimed)).toEqual(["a:1", "b:1"]);
      expect(claimed.every((c) => c.attempts === 1)).toBe(true);
      expect(await claim("w2")).toEqual([]);
    });

    it("writes a key once, and hands out what was written: payload, cause, no refusal", async () => {
      await write([item("a", 1, T0, { causeKey: "slack:C1:1.000001" })]);
      await write([{ ...item("a", 1), payload: { n: 2 } }]);
      const [claimed] = await claim("w1");
      expect(claimed).toMatchObject({
        key: "a:1",
        channel: "TELEGRAM",
        kind: "agent_reply",
        scope: "a",
        payload: { n: 1, contactId: "contact-a", body: "reply 1" },
        causeKey: "slack:C1:1.000001",
        refusal: null,
      });
    });

    it("keeps a scope's order: the next item waits while an earlier one retries", async () => {
      await write([item("a", 1), item("a", 2)]);
      const [first] = await claim("w1");
      expect(await queue.scheduleRetry(first!.id, "w1", { availableAt: at(30), error: "503" })).toBe(true);
      expect(await claim("w1", at(10))).toEqual([]);
      const [again] = await claim("w1", at(31));
      expect(again).toMatchObject({ key: "a:1", attempts: 2 });
      await queue.markDelivered(again!.id, { platformMessageId: "m1", at: at(31) });
      expect(keys(await claim("w1", at(31)))).toEqual(["a:2"]);
    });

    it("lets a failed item go, so one broken message does not block its chat", async () => {
      await write([item("a", 1), item("a", 2)]);
      const [first] = await claim("w1");
      expect(await queue.markFailed(first!.id, "w1", { error: "403 blocked" })).toMatchObject({
        key: "a:1",
        state: "FAILED",
      });
      expect(keys(await claim("w1"))).toEqual(["a:2"]);
    });

    it("gives a crashed worker's claims to another once the lease ends", async () => {
      await write([item("a", 1)]);
      const [held] = await claim("crashed");
      expect(await claim("w2", at(59))).toEqual([]);
      const [taken] = await claim("w2", at(61));
      expect(taken).toMatchObject({ id: held!.id, attempts: 2 });
      expect(await queue.scheduleRetry(held!.id, "crashed", { availableAt: at(100), error: "late" })).toBe(
        false,
      );
      expect(await queue.markFailed(held!.id, "crashed", { error: "late" })).toBeNull();
      expect(await queue.markDelivered(held!.id, { platformMessageId: "m", at: at(62) })).toMatchObject({
        state: "DELIVERED",
      });
      expect(await queue.markDelivered(held!.id, { platformMessageId: "m", at: at(62) })).toBeNull();
    });

    it("never hands one item to two concurrent claimers", async () => {
      await write(Array.from({ length: 60 }, (_, i) => item(`s${i}`, 1)));
      const rounds = await Promise.all(["w1", "w2", "w3", "w4"].map((w) => claim(w, T0, 20)));
      const all = rounds.flat().map((c) => c.key);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(0);
    });

    it("releases a stopping worker's claims for immediate pickup", async () => {
      await write([item("a", 1), item("b", 1)]);
      expect(await claim("stopping")).toHaveLength(2);
      expect(await queue.release("stopping")).toBe(2);
      expect(await claim("w2")).toHaveLength(2);
    });

    it("cancels or revises a reply only before any worker has tried it", async () => {
      await write([item("a", 1, at(15)), item("b", 1)]);
      expect(await queue.reviseReply("a:1", "edited")).toBe(true);
      expect(await queue.reviseReply("a:1", null)).toBe(true);
      const [edited] = (await claim("w1", at(16))).filter((c) => c.key === "a:1");
      expect(edited?.payload).toEqual({ n: 1, contactId: "contact-a", body: null });
      expect(await queue.cancel("a:1")).toBeNull();
      expect(await queue.cancel("b:1")).toBeNull();
      await write([item("c", 1, at(15)), item("d", 1, T0, { kind: "status_changed" })]);
      expect(await queue.reviseReply("d:1", "not a reply")).toBe(false);
      expect(await queue.cancel("c:1")).toMatchObject({ key: "c:1", state: "CANCELLED" });
      expect(keys(await claim("w1", at(20)))).toEqual(["d:1"]);
      expect(await queue.reviseReply("c:1", "too late")).toBe(false);
    });

    it("finds the item an event caused, and follows its state", async () => {
      await write([
        item("a", 1, T0, { causeKey: "slack:C1:1.000001" }),
        item("t", 1, T0, { causeKey: "slack:C1:1.000001", kind: "ticket_updated" }),
      ]);
      expect(await queue.findByCause("slack:C1:1.000001", "agent_reply")).toEqual({
        key: "a:1",
        state: "PENDING",
        receipt: null,
        attempts: 0,
      });
      expect(await queue.findByCause("slack:C1:9.000001", "agent_reply")).toBeNull();
      const [claimed] = (await claim("w1")).filter((c) => c.key === "a:1");
      await queue.markDelivered(claimed!.id, { platformMessageId: "tg:1", at: T0 });
      expect(await queue.findByCause("slack:C1:1.000001", "agent_reply")).toMatchObject({
        state: "DELIVERED",
        attempts: 1,
      });
    });

    it("moves receipts only forward, per channel, and announces each change", async () => {
      const seen: Settlement[] = [];
      queue.onSettled((s) => seen.push(s));
      await write([item("a", 1, T0, { causeKey: "slack:C1:1.000001" })]);
      const [claimed] = await claim("w1");
      await queue.markDelivered(claimed!.id, { platformMessageId: "wamid.1", at: T0 });
      expect(await queue.recordReceipt("WHATSAPP", "wamid.1", "READ")).toBeNull();
      expect(await queue.recordReceipt("TELEGRAM", "wamid.1", "DELIVERED")).toMatchObject({
        receipt: "DELIVERED",
      });
      expect(await queue.recordReceipt("TELEGRAM", "wamid.1", "READ")).toMatchObject({ receipt: "READ" });
      expect(await queue.recordReceipt("TELEGRAM", "wamid.1", "DELIVERED")).toBeNull();
      expect(seen.map((s) => [s.state, s.receipt])).toEqual([
        ["DELIVERED", null],
        ["DELIVERED", "DELIVERED"],
        ["DELIVERED", "READ"],
      ]);
      expect(seen.every((s) => s.key === "a:1" && s.causeKey === "slack:C1:1.000001")).toBe(true);
    });

    it("ends on the furthest receipt whatever order and repetition the statuses come in", async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom<DeliveryReceipt>("SENT", "DELIVERED", "READ"), {
            minLength: 1,
            maxLength: 8,
          }),
          async (receipts) => {
            n += 1;
            await write([item(`p${n}`, 1, T0, { causeKey: `cause-p${n}` })]);
            const [claimed] = (await claim("w1")).filter((c) => c.scope === `p${n}`);
            await queue.markDelivered(claimed!.id, { platformMessageId: `wamid.p${n}`, at: T0 });
            for (const receipt of receipts) await queue.recordReceipt("TELEGRAM", `wamid.p${n}`, receipt);
            const furthest = receipts.reduce((a, b) =>
              DELIVERY_RECEIPTS.indexOf(a) >= DELIVERY_RECEIPTS.indexOf(b) ? a : b,
            );
            expect((await queue.findByCause(`cause-p${n}`, "agent_reply"))?.receipt).toBe(furthest);
          },
        ),
        { numRuns: 25 },
      );
    });

    it("holds an item, keeping its scope's later items behind it, until released or rechecked", async () => {
      await write([item("a", 1), item("a", 2), item("b", 1)]);
      const claimed = await claim("w1");
      const first = claimed.find((c) => c.key === "a:1");
      const other = claimed.find((c) => c.key === "b:1");
      await queue.markDelivered(other!.id, { platformMessageId: "b", at: T0 });
      expect(await queue.hold(first!.id, "w1", { recheckAt: at(3600), reason: "window closed" })).toBe(true);
      expect(await queue.depth()).toBe(2);
      // Held: neither it nor the item behind it goes out before its recheck time.
      expect(await claim("w1", at(10))).toEqual([]);
      const [rechecked] = await claim("w1", at(3601));
      expect(rechecked).toMatchObject({ key: "a:1", attempts: 2 });
      await queue.hold(rechecked!.id, "w1", { recheckAt: at(7200), reason: "still closed" });
      expect(await queue.releaseHeld("other-scope", at(3700))).toBe(0);
      expect(await queue.releaseHeld("a", at(3700))).toBe(1);
      const [released] = await claim("w1", at(3700));
      expect(released).toMatchObject({ key: "a:1", attempts: 3 });
      expect(await queue.hold(released!.id, "stranger", { recheckAt: at(9000), reason: "x" })).toBe(false);
    });

    it("reopens a delivered message the platform refused later, once, with the refusal or held", async () => {
      await write([item("a", 1), item("b", 1)]);
      const claimed = await claim("w1");
      for (const c of claimed)
        await queue.markDelivered(c.id, { platformMessageId: `wamid.${c.scope}`, at: T0 });
      const refusal = { code: 131026, title: "Message undeliverable", unreachable: true };
      const reopened = await queue.reopenDelivered("TELEGRAM", "wamid.a", {
        at: at(5),
        refusal,
        reason: "refused",
        held: false,
      });
      expect(reopened).toMatchObject({ key: "a:1", scope: "a", contactId: "contact-a", state: "PENDING" });
      expect(
        await queue.reopenDelivered("TELEGRAM", "wamid.a", {
          at: at(5),
          refusal,
          reason: "again",
          held: false,
        }),
      ).toBeNull();
      const [again] = await claim("w1", at(5));
      expect(again).toMatchObject({ key: "a:1", refusal, attempts: 2 });

      const held = await queue.reopenDelivered("TELEGRAM", "wamid.b", {
        at: at(3600),
        refusal: null,
        reason: "window closed",
        held: true,
      });
      expect(held).toMatchObject({ key: "b:1", state: "HELD", receipt: "FAILED" });
      expect((await claim("w1", at(6))).map((c) => c.key)).toEqual([]);
      expect(await queue.releaseHeld("b", at(7))).toBe(1);
      expect((await claim("w1", at(7))).map((c) => c.key)).toEqual(["b:1"]);
    });

    it("ignores channels without a sender and counts what is pending", async () => {
      await write([{ ...item("a", 1), channel: "WHATSAPP" }, item("b", 1)]);
      expect(keys(await claim("w1"))).toEqual(["b:1"]);
      expect(await queue.depth()).toBe(2);
    });
  });
};
