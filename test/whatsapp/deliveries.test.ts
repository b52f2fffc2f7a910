import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertOutbox } from "../../src/adapters/storage/prisma/outbox-writer.js";
import { createPrismaWhatsAppContacts } from "../../src/adapters/storage/prisma/whatsapp-contacts.js";
import { createPrismaWhatsAppDeliveries } from "../../src/adapters/storage/prisma/whatsapp-deliveries.js";
import { createPrismaOnceKeys } from "../../src/adapters/storage/prisma/whatsapp-once-keys.js";
import { RECEIPTS, type Receipt, WINDOW_HOLD_REASON } from "../../src/adapters/whatsapp/ports.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const HOUR = 3_600_000;

describeWith({ pg: true }, "WhatsApp bookkeeping on PostgreSQL", () => {
  let db: ThrowawayDatabase;
  let n = 0;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const prisma = () => db.db.prisma;
  /** A WhatsApp item, delivered with a platform message id unless `pending`. */
  const item = async (
    options: { scope?: string; pending?: { availableAt: Date; lastError?: string } } = {},
  ) => {
    n += 1;
    const key = `item-${n}`;
    const scope = options.scope ?? `contact:c${n}`;
    const at = options.pending?.availableAt ?? new Date();
    await insertOutbox(prisma(), [
      {
        key,
        channel: "WHATSAPP",
        kind: "agent_reply",
        ticketId: null,
        scope,
        payload: { contactId: "c1" },
        availableAt: at,
      },
    ]);
    const wamid = `wamid.test${n}`;
    if (options.pending) {
      await prisma().outboxItem.update({
        where: { key },
        data: { lastError: options.pending.lastError ?? null },
      });
    } else {
      await prisma().outboxItem.update({
        where: { key },
        data: { state: "DELIVERED", platformMessageId: wamid, deliveredAt: at },
      });
    }
    return { key, wamid };
  };
  const row = (key: string) => prisma().outboxItem.findUniqueOrThrow({ where: { key } });

  it("ends on the furthest receipt whatever order and repetition the statuses come in", async () => {
    const deliveries = createPrismaWhatsAppDeliveries(prisma());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Receipt>("SENT", "DELIVERED", "READ"), { minLength: 1, maxLength: 8 }),
        async (receipts) => {
          const { key, wamid } = await item();
          for (const receipt of receipts) await deliveries.advance(wamid, receipt);
          const furthest = receipts.reduce((a, b) => (RECEIPTS.indexOf(a) >= RECEIPTS.indexOf(b) ? a : b));
          expect((await row(key)).receipt).toBe(furthest);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("reopens a delivered item once, with the failure for its sender to report", async () => {
    const deliveries = createPrismaWhatsAppDeliveries(prisma());
    const { key, wamid } = await item();
    const at = new Date();
    const first = await deliveries.reopen(wamid, {
      at,
      failure: { code: 131026, title: "Message undeliverable", unreachable: true },
      reason: "undeliverable",
    });
    expect(first).toEqual({ scope: expect.stringMatching(/^contact:/), contactId: "c1" });
    expect(await deliveries.reopen(wamid, { at, failure: null, reason: "again" })).toBeNull();
    expect(await row(key)).toMatchObject({
      state: "PENDING",
      receipt: "FAILED",
      lastError: "undeliverable",
      payload: {
        contactId: "c1",
        whatsappFailure: { code: 131026, title: "Message undeliverable", unreachable: true },
      },
    });
  });

  it("releases only the items held for the 24-hour window, never one waiting out an agent's grace period", async () => {
    const deliveries = createPrismaWhatsAppDeliveries(prisma());
    const later = new Date(Date.now() + HOUR);
    const held = await item({
      scope: "contact:held",
      pending: { availableAt: later, lastError: `${WINDOW_HOLD_REASON} waiting` },
    });
    const grace = await item({ scope: "contact:held", pending: { availableAt: later } });
    const otherContact = await item({
      scope: "contact:other",
      pending: { availableAt: later, lastError: `${WINDOW_HOLD_REASON} waiting` },
    });
    const now = new Date();
    expect(await deliveries.releaseHeld("contact:held", now)).toBe(1);
    expect((await row(held.key)).availableAt).toEqual(now);
    expect((await row(grace.key)).availableAt).toEqual(later);
    expect((await row(otherContact.key)).availableAt).toEqual(later);
  });

  it("keeps the latest inbound time, and each once-key for one caller", async () => {
    const org = await prisma().organization.create({
      data: { id: crypto.randomUUID(), name: "Org", key: `org-${n}` },
    });
    const person = await prisma().person.create({
      data: { id: crypto.randomUUID(), name: "Ana", organizationId: org.id },
    });
    const contact = await prisma().contact.create({
      data: {
        id: crypto.randomUUID(),
        channel: "WHATSAPP",
        platformUserId: "5511900000000",
        displayName: "Ana",
        personId: person.id,
      },
    });
    const contacts = createPrismaWhatsAppContacts(prisma());
    const t1 = new Date("2026-03-02T12:00:00.000Z");
    await contacts.recordInbound(contact.id, t1);
    await contacts.recordInbound(contact.id, new Date(t1.getTime() - HOUR));
    expect(await contacts.lastInboundAt(contact.id)).toEqual(t1);

    const once = createPrismaOnceKeys(prisma());
    const claims = await Promise.all([1, 2, 3].map(() => once.claim("whatsapp:template:x:1", t1)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await once.seen("whatsapp:template:x:1")).toBe(true);
    await once.forget("whatsapp:template:x:1");
    expect(await once.seen("whatsapp:template:x:1")).toBe(false);

    // Pruning takes old WhatsApp keys only, never another channel's receipts.
    await once.claim("whatsapp:msg:old", new Date(t1.getTime() - 30 * 24 * HOUR));
    await prisma().inboundReceipt.create({
      data: { key: "telegram:update:1", receivedAt: new Date(t1.getTime() - 30 * 24 * HOUR) },
    });
    expect(await once.prune(new Date(t1.getTime() - 14 * 24 * HOUR))).toBe(1);
    expect(await once.seen("whatsapp:msg:old")).toBe(false);
    expect(await once.seen("telegram:update:1")).toBe(true);
    expect(await once.seen("whatsapp:template:x:1")).toBe(false);
  });
});
