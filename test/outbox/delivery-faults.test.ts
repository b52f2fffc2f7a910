import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertOutbox } from "../../src/adapters/storage/prisma/outbox-writer.js";
import { type RunningService, startService } from "../../src/app/service.js";
import type { OutboxDraft } from "../../src/core/outbox/outbox-draft.js";
import type { Channel } from "../../src/core/ticket/channel.js";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import { type FakeChatApi, startFakeChatApi } from "../../testkit/fake-chat-api.js";
import { createFakeChatSender } from "../../testkit/fake-chat-sender.js";
import { manualClock } from "../../testkit/manual-clock.js";
import { testConfig, waitFor } from "../../testkit/spawn-service.js";
import { agent, validTicket } from "../support/core-harness.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const generous = { limit: 1000, perMs: 1000 };
let batch = 0;

const drafts = (channel: Channel, scopes: number, perScope: number): OutboxDraft[] => {
  batch += 1;
  return Array.from({ length: scopes * perScope }, (_, i) => {
    const scope = `b${batch}:chat${i % scopes}`;
    return {
      key: `${scope}:n${Math.floor(i / scopes)}`,
      channel,
      kind: "agent_reply",
      ticketId: null,
      scope,
      payload: {},
      availableAt: new Date(),
    };
  });
};

describeWith({ pg: true }, "delivery under platform faults", () => {
  let db: ThrowawayDatabase;
  let api: FakeChatApi;
  let service: RunningService;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    api = await startFakeChatApi();
    const config = await testConfig({
      DATABASE_URL: db.url,
      // Short enough that the hanging faults cost little, long enough that an ordinary send on a busy
      // machine does not time out: on WhatsApp (no lookups) that would be sent twice, by design.
      OUTBOX_SEND_TIMEOUT_MS: "3000",
      OUTBOX_POLL_INTERVAL_MS: "60000",
    });
    service = await startService(config, {
      port: 0,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      startTimers: false,
      senders: [
        createFakeChatSender({ baseUrl: api.url, channel: "TELEGRAM" }),
        createFakeChatSender({ baseUrl: api.url, channel: "SLACK" }),
        // A platform without lookups by key: at-least-once is all that can be promised there.
        createFakeChatSender({ baseUrl: api.url, channel: "WHATSAPP", lookup: false }),
      ],
      rateLimits: {
        TELEGRAM: { perDestination: generous },
        SLACK: { perDestination: generous },
        WHATSAPP: { overall: generous },
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await api?.close();
    await db?.drop();
  });

  const enqueue = async (items: OutboxDraft[]) => {
    await insertOutbox(db.db.prisma, items);
    service.worker.wake();
  };
  const states = async (keys: string[]) => {
    const rows = await db.db.prisma.outboxItem.findMany({
      where: { key: { in: keys } },
      select: { key: true, state: true },
    });
    return new Map(rows.map((r) => [r.key, r.state]));
  };
  const allDelivered = async (keys: string[]) =>
    [...(await states(keys)).values()].every((s) => s === "DELIVERED");

  it("delivers every item exactly once through 500s, 429s, timeouts and connection resets, in each chat's order", async () => {
    const items = drafts("TELEGRAM", 8, 5);
    const some = (n: number) => (request: { key: string }) =>
      items.findIndex((i) => i.key === request.key) % 7 === n;
    api.fault({ kind: "status", status: 500 }, { times: 6, match: some(0) });
    api.fault(
      { kind: "status", status: 429, headers: { "retry-after": "1" }, body: { ok: false } },
      { times: 3, match: some(1) },
    );
    api.fault({ kind: "hang" }, { times: 3, match: some(2) });
    api.fault({ kind: "reset" }, { times: 3, match: some(3) });
    api.fault({ kind: "accept-then-hang" }, { times: 3, match: some(4) });
    api.fault({ kind: "accept-then-reset" }, { times: 3, match: some(5) });
    await enqueue(items);
    await waitFor(() => allDelivered(items.map((i) => i.key)), "every item delivered").catch(async (e) => {
      const pending = await db.db.prisma.outboxItem.findMany({
        where: { state: "PENDING" },
        select: { key: true, attempts: true, lastError: true },
      });
      console.error("still pending:", pending);
      throw e;
    });

    const counts = api.countsByKey();
    expect(items.map((i) => counts.get(i.key))).toEqual(items.map(() => 1));
    const faulted = new Set(api.calls().map((c) => c.fault));
    expect([...faulted].sort()).toEqual([
      "accept-then-hang",
      "accept-then-reset",
      "hang",
      "none",
      "reset",
      "status",
    ]);
    for (const chat of new Set(items.map((i) => i.scope))) {
      const posted = api
        .messages()
        .filter((m) => m.chat === chat)
        .map((m) => m.key);
      expect(posted).toEqual(items.filter((i) => i.scope === chat).map((i) => i.key));
    }
    const rows = await db.db.prisma.outboxItem.findMany({ where: { key: { in: items.map((i) => i.key) } } });
    expect(rows.every((r) => r.platformMessageId?.startsWith("m"))).toBe(true);
    api.clearFaults();
  }, 180_000);

  it("without lookups on the platform, a lost answer is sent again rather than lost", async () => {
    const items = drafts("WHATSAPP", 2, 2);
    api.fault({ kind: "accept-then-hang" }, { times: 1, match: (r) => r.key === items[0]!.key });
    await enqueue(items);
    await waitFor(() => allDelivered(items.map((i) => i.key)), "every item delivered");
    expect(api.countsByKey().get(items[0]!.key)).toBe(2);
    expect(items.slice(1).map((i) => api.countsByKey().get(i.key))).toEqual([1, 1, 1]);
  });

  it("stops at a permanent failure: FAILED item, event on the ticket, agents told, contact unreachable", async () => {
    const contact = await service.core.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: "blocked-user",
      displayName: "Rita",
      organization: { key: "acme", name: "Acme" },
      registered: true,
    });
    const created = await service.core.service.create(actorOf(contact), identityOf(contact), validTicket());
    if (!created.ok) throw new Error("ticket not created");
    const ticket = created.value.ticket;
    api.fault(
      { kind: "status", status: 403, body: { ok: false, error: "blocked" } },
      { times: 1, match: (r) => r.key.includes(":agent_reply:") && r.key.startsWith(ticket.id) },
    );
    await service.core.service.reply(agent, formatTicketId(ticket.number), { message: "Pode testar agora?" });

    const replyKey = `${ticket.id}:v1:agent_reply:requester`;
    await waitFor(async () => (await states([replyKey])).get(replyKey) === "FAILED", "the reply to fail");
    await waitFor(
      () => api.messages().some((m) => m.key.startsWith(ticket.id) && m.text === "delivery_failed"),
      "agents told of the failure",
    );
    const history = await service.core.tickets.events(ticket.id);
    expect(history.filter((e) => e.kind === "DELIVERY_FAILED")).toMatchObject([
      { from: "TELEGRAM", to: "agent_reply", body: "403: blocked" },
    ]);
    expect((await service.core.directory.findContactById(contact.id))?.unreachable).toMatchObject({
      reason: "403: blocked",
    });
    expect(api.calls().filter((c) => c.key === replyKey)).toHaveLength(1);
  });

  it("sends a fresh reply at once instead of waiting for the next poll", async () => {
    // Polling is set to a minute here: only the wake-up after the write can deliver this in time.
    const { ticket } = await (async () => {
      const c = await service.core.directory.ensureContact({
        channel: "TELEGRAM",
        platformUserId: "prompt-user",
        displayName: "Joana",
        organization: { key: "acme", name: "Acme" },
        registered: true,
      });
      const identity = {
        contactId: c.id,
        personId: c.person.id,
        organizationId: c.person.organizationId,
        displayName: "Joana",
        channel: "TELEGRAM" as const,
      };
      const created = await service.core.service.create(agent, identity, validTicket(), "CLI");
      if (!created.ok) throw new Error("ticket not created");
      return created.value;
    })();
    await service.core.service.reply(agent, formatTicketId(ticket.number), { message: "Resolvido." });
    await waitFor(
      () => api.messages().some((m) => m.key === `${ticket.id}:v1:agent_reply:requester`),
      "the reply to arrive",
      20_000,
    );
  });
});

describeWith({ pg: true }, "retry timing decisions", () => {
  let db: ThrowawayDatabase;
  let api: FakeChatApi;
  let service: RunningService;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    api = await startFakeChatApi();
    service = await startService(await testConfig({ DATABASE_URL: db.url }), {
      port: 0,
      clock,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
      senders: [createFakeChatSender({ baseUrl: api.url, channel: "TELEGRAM" })],
      rateLimits: {},
      random: () => 0,
    });
  });
  afterAll(async () => {
    await service?.stop();
    await api?.close();
    await db?.drop();
  });

  it("honours Retry-After, then backs off exponentially on 5xx", async () => {
    const [item] = drafts("TELEGRAM", 1, 1);
    await insertOutbox(db.db.prisma, [{ ...item!, availableAt: clock.now() }]);
    const row = () => db.db.prisma.outboxItem.findUniqueOrThrow({ where: { key: item!.key } });
    api.fault({ kind: "status", status: 429, body: { ok: false, retry_after: 30 } });
    expect(await service.worker.runOnce()).toEqual(["retry"]);
    expect((await row()).availableAt.getTime() - clock.now().getTime()).toBe(30_000);
    expect(await service.worker.runOnce()).toEqual([]);

    clock.advance(30_000);
    api.fault({ kind: "status", status: 503 });
    expect(await service.worker.runOnce()).toEqual(["retry"]);
    // Second attempt, base 50 ms, no jitter: 50 * 2 / 2.
    expect((await row()).availableAt.getTime() - clock.now().getTime()).toBe(50);
    clock.advance(50);
    expect(await service.worker.runOnce()).toEqual(["sent"]);
    expect(await row()).toMatchObject({ state: "DELIVERED", attempts: 3, lastError: null });
  });
});
