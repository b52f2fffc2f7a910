import { afterEach, expect, it } from "vitest";
import type { Walker } from "../../testkit/walk/walker.js";
import { describeWith } from "../support/pg-database-for-service.js";
import {
  APOLOGIES,
  type ChatUnderFaults,
  masked,
  startChatUnderFaults,
  ticketsByContact,
} from "./support/chat-under-faults.js";

/**
 * Storage outages in the middle of conversations, as a bad day goes: the service must answer the
 * platforms 503 (so they deliver again) rather than apologise to the supplier, keep nothing half
 * done, and apply each message once when the redelivery comes.
 */
describeWith({ pg: true, redis: true }, "the chat path through storage outages", () => {
  let env: ChatUnderFaults | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Suppliers 1..n on each channel, starting a little apart. */
  const crowd = (n: { telegram: number; whatsapp: number }) => [
    ...Array.from({ length: n.telegram }, (_, i) => ({ walker: env!.telegram, supplier: i + 1 })),
    ...Array.from({ length: n.whatsapp }, (_, i) => ({ walker: env!.whatsapp, supplier: i + 1 })),
  ];

  const waitUntil = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 120_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };

  /** Consecutive repeats removed: a turn that could not be saved is done again and may resend its answer. */
  const withoutRepeats = (messages: readonly string[]) =>
    messages.filter((m, i) => i === 0 || m !== messages[i - 1]);

  const expectEveryConversationWhole = async (walkers: { walker: Walker; supplier: number }[]) => {
    const tickets = await ticketsByContact(env!);
    for (const { walker, supplier } of walkers) {
      const received = walker.received(supplier).map(masked);
      const who = `${walker.channel} supplier ${supplier}`;
      expect(
        received.filter((m) => APOLOGIES.some((a) => m.includes(a))),
        `${who} saw no apology`,
      ).toEqual([]);
      expect(withoutRepeats(received), `${who} read the whole flow`).toEqual(
        withoutRepeats(env!.expected[walker.channel]),
      );
      expect(tickets.get(walker.contactKey(supplier)), `${who} has one ticket`).toBe(1);
    }
    // Each ticket holds its opening message once: nothing was applied twice.
    const events = await env!.db.db.prisma.ticketEvent.groupBy({
      by: ["ticketId", "kind"],
      _count: { _all: true },
    });
    expect(events.filter((e) => e._count._all > 1 && e.kind !== "STATUS_CHANGED")).toEqual([]);
  };

  it("a 20-second Redis outage amid 25 conversations: 503s, redeliveries, one ticket each, no apology", async () => {
    env = await startChatUnderFaults();
    const walkers = crowd({ telegram: 13, whatsapp: 12 });
    // Every conversation is held before its fourth message until Redis is cut, so the outage meets
    // all 25 mid-way whatever the machine's speed; the messages then sent meet the outage.
    const HELD_STEP = 3;
    let atHeldStep = 0;
    let outageBegun!: () => void;
    const begun = new Promise<void>((resolve) => {
      outageBegun = resolve;
    });
    const walks = walkers.map(async ({ walker, supplier }, i) => {
      await sleep(i * 40);
      return env!.walk(walker, supplier, {
        beforeStep: async (step) => {
          if (step !== HELD_STEP) return;
          atHeldStep += 1;
          await begun;
        },
      });
    });
    await waitUntil(() => atHeldStep === walkers.length, "every conversation at its fourth message");
    env.redis.cut();
    const readiness = await fetch(`${env.service.url}/readyz`);
    outageBegun();
    await sleep(20_000);
    env.redis.restore();
    const refused = await Promise.all(walks);

    expect(readiness.status).toBe(503);
    // The outage met every conversation under way: each had a delivery refused and redelivered,
    // every refusal a 503.
    expect(refused.filter((r) => r.length > 0).length).toBe(walkers.length);
    expect(new Set(refused.flat())).toEqual(new Set([503]));
    await expectEveryConversationWhole(walkers);
  }, 180_000);

  it("PostgreSQL connections dropped mid-turn: 503, and the redelivery applies each message once", async () => {
    env = await startChatUnderFaults();
    const walkers = crowd({ telegram: 10, whatsapp: 10 });
    const walks = walkers.map(async ({ walker, supplier }, i) => {
      await sleep(i * 40);
      return env!.walk(walker, supplier, { thinkMs: 50 });
    });
    // Severed under open connections (not refused at connect): queries in flight fail half-way.
    for (let round = 0; round < 3; round++) {
      await sleep(700);
      env.pg.cut();
      await sleep(1_500);
      env.pg.restore();
    }
    const refused = await Promise.all(walks);

    expect(refused.some((r) => r.length > 0)).toBe(true);
    expect(new Set(refused.flat())).toEqual(new Set([503]));
    await expectEveryConversationWhole(walkers);
  }, 180_000);
});
