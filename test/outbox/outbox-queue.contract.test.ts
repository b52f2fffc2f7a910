import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/adapters/storage/prisma/client.js";
import { type Database, openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createPrismaOutboxQueue } from "../../src/adapters/storage/prisma/outbox-queue.js";
import { insertOutbox } from "../../src/adapters/storage/prisma/outbox-writer.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import type { OutboxQueue } from "../../src/core/ports/outbox-queue.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const T0 = new Date("2026-03-02T12:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
let run = 0;

const item = (scope: string, n: number, availableAt = T0): OutboxDraft => ({
  key: `r${run}:${scope}:${n}`,
  channel: "TELEGRAM",
  kind: "agent_reply",
  ticketId: null,
  scope: `r${run}:${scope}`,
  payload: { n },
  availableAt,
});

/** The claiming rules every instance relies on, on PostgreSQL and on embedded PGlite alike. */
const contract = (name: string, open: () => Promise<{ prisma: PrismaClient; close(): Promise<void> }>) => {
  describe(`outbox queue: ${name}`, () => {
    let db: { prisma: PrismaClient; close(): Promise<void> };
    let queue: OutboxQueue;
    const claim = (workerId: string, now = T0, limit = 100) =>
      queue.claim({ workerId, channels: ["TELEGRAM"], limit, leaseMs: 60_000, now });
    const write = (drafts: OutboxDraft[]) => insertOutbox(db.prisma, drafts);
    const keys = (items: { key: string }[]) => items.map((i) => i.key).sort();

    beforeAll(async () => {
      db = await open();
      queue = createPrismaOutboxQueue(db.prisma);
    });
    afterAll(async () => {
      await db?.close();
    });
    beforeEach(async () => {
      // Each rule is checked on its own rows: leftovers of another test would be claimed too.
      await db.prisma.outboxItem.deleteMany();
    });

    it("claims the first due item of each scope, counting the attempt", async () => {
      run++;
      await write([item("a", 1), item("a", 2), item("b", 1), item("c", 1, at(60))]);
      const claimed = await claim("w1");
      expect(keys(claimed)).toEqual([`r${run}:a:1`, `r${run}:b:1`]);
      expect(claimed.every((c) => c.attempts === 1)).toBe(true);
      expect(await claim("w2")).toEqual([]);
    });

    it("keeps a scope's order: the next item waits while an earlier one retries", async () => {
      run++;
      await write([item("a", 1), item("a", 2)]);
      const [first] = await claim("w1");
      expect(await queue.scheduleRetry(first!.id, "w1", { availableAt: at(30), error: "503" })).toBe(true);
      expect(await claim("w1", at(10))).toEqual([]);
      const [again] = await claim("w1", at(31));
      expect(again).toMatchObject({ key: `r${run}:a:1`, attempts: 2 });
      await queue.markDelivered(again!.id, { platformMessageId: "m1", at: at(31) });
      expect(keys(await claim("w1", at(31)))).toEqual([`r${run}:a:2`]);
    });

    it("lets a failed item go, so one broken message does not block its chat", async () => {
      run++;
      await write([item("a", 1), item("a", 2)]);
      const [first] = await claim("w1");
      expect(await queue.markFailed(first!.id, "w1", { error: "403 blocked" })).toBe(true);
      expect(keys(await claim("w1"))).toEqual([`r${run}:a:2`]);
    });

    it("gives a crashed worker's claims to another once the lease ends", async () => {
      run++;
      await write([item("a", 1)]);
      const [held] = await claim("crashed");
      expect(await claim("w2", at(59))).toEqual([]);
      const [taken] = await claim("w2", at(61));
      expect(taken).toMatchObject({ id: held!.id, attempts: 2 });
      expect(await queue.scheduleRetry(held!.id, "crashed", { availableAt: at(100), error: "late" })).toBe(
        false,
      );
      expect(await queue.markDelivered(held!.id, { platformMessageId: "m", at: at(62) })).toBe(true);
      expect(await queue.markDelivered(held!.id, { platformMessageId: "m", at: at(62) })).toBe(false);
    });

    it("never hands one item to two concurrent claimers", async () => {
      run++;
      await write(Array.from({ length: 60 }, (_, i) => item(`s${i}`, 1)));
      const rounds = await Promise.all(["w1", "w2", "w3", "w4"].map((w) => claim(w, T0, 20)));
      const all = rounds.flat().map((c) => c.key);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(0);
    });

    it("releases a stopping worker's claims for immediate pickup", async () => {
      run++;
      await write([item("a", 1), item("b", 1)]);
      expect(await claim("stopping")).toHaveLength(2);
      expect(await queue.release("stopping")).toBe(2);
      expect(await claim("w2")).toHaveLength(2);
    });

    it("cancels or edits an item only before any worker has tried it", async () => {
      run++;
      await write([item("a", 1, at(15)), item("b", 1)]);
      expect(await queue.updatePending(`r${run}:a:1`, { payload: { n: 99 }, availableAt: at(5) })).toBe(true);
      const [edited] = (await claim("w1", at(6))).filter((c) => c.key === `r${run}:a:1`);
      expect(edited?.payload).toEqual({ n: 99 });
      expect(await queue.cancel(`r${run}:a:1`)).toBe(false);
      expect(await queue.cancel(`r${run}:b:1`)).toBe(false);
      await write([item("c", 1, at(15))]);
      expect(await queue.cancel(`r${run}:c:1`)).toBe(true);
      expect(await claim("w1", at(20))).toEqual([]);
      expect(await queue.updatePending(`r${run}:c:1`, { payload: {} })).toBe(false);
    });

    it("ignores channels without a sender and counts what is pending", async () => {
      run++;
      await write([{ ...item("a", 1), channel: "WHATSAPP" }, item("b", 1)]);
      expect(keys(await claim("w1"))).toEqual([`r${run}:b:1`]);
      expect(await queue.depth()).toBe(2);
    });
  });
};

describeWith({ pg: true }, "outbox queue on PostgreSQL", () => {
  let throwaway: ThrowawayDatabase;
  contract("postgres", async () => {
    throwaway = await createThrowawayDatabase();
    return { prisma: throwaway.db.prisma, close: () => throwaway.drop() };
  });
});

contract("embedded PGlite", async () => {
  const dir = await mkdtemp(join(tmpdir(), "chamado-outbox-"));
  const db: Database = await openDatabase({ dataDir: dir, migrateOnStart: true });
  return {
    prisma: db.prisma,
    async close() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
