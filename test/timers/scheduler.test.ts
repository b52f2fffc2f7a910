import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createPrismaTicketRepository } from "../../src/adapters/storage/prisma/ticket-repository.js";
import { createPrismaTimerQueries } from "../../src/adapters/storage/prisma/timer-queries.js";
import { createAutoCloseJob } from "../../src/adapters/timers/auto-close-job.js";
import { createTimerScheduler } from "../../src/adapters/timers/scheduler.js";
import { createSlaJob } from "../../src/adapters/timers/sla-job.js";
import { slaPolicyOf } from "../../src/app/config/service.js";
import { type RunningService, startService } from "../../src/app/service.js";
import { createNotificationPolicy } from "../../src/core/outbox/notification-policy.js";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import type { Ticket } from "../../src/core/ticket/ticket.js";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import { createFakeChatSender } from "../../testkit/fake-chat-sender.js";
import { DAY, HOUR, manualClock } from "../../testkit/manual-clock.js";
import { testConfig } from "../../testkit/spawn-service.js";
import { agent, validTicket } from "../support/core-harness.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const MINUTE = 60_000;

describeWith({ pg: true }, "timers against PostgreSQL, with a clock the test moves", () => {
  let db: ThrowawayDatabase;
  let service: RunningService;
  const clock = manualClock(new Date());
  let seq = 0;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    // Senders exist only so the policy writes items; the worker is off and nothing is sent.
    service = await startService(await testConfig({ DATABASE_URL: db.url }), {
      port: 0,
      clock,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
      senders: ["TELEGRAM", "SLACK"].map((channel) =>
        createFakeChatSender({ baseUrl: "http://127.0.0.1:9", channel: channel as "TELEGRAM" }),
      ),
    });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });
  beforeEach(() => {
    clock.set(new Date());
  });

  const openTicket = async (priority: "HIGH" | "MEDIUM" | "LOW" = "HIGH"): Promise<Ticket> => {
    seq += 1;
    const contact = await service.core.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: `timer-${seq}`,
      displayName: `Contato ${seq}`,
      organization: { key: "acme", name: "Acme" },
      registered: true,
    });
    const created = await service.core.service.create(
      actorOf(contact),
      identityOf(contact),
      validTicket({ priority }),
    );
    if (!created.ok) throw new Error("ticket not created");
    return created.value.ticket;
  };
  const kinds = async (ticket: Ticket) =>
    (await db.db.prisma.outboxItem.findMany({ where: { ticketId: ticket.id }, orderBy: { id: "asc" } })).map(
      (i) => `${i.kind}`,
    );
  const alerts = async (ticket: Ticket) =>
    (
      await db.db.prisma.outboxItem.findMany({
        where: { ticketId: ticket.id, kind: "sla_alert" },
        orderBy: { id: "asc" },
      })
    ).map((i) => `${(i.payload as { clock: string }).clock} ${(i.payload as { level: string }).level}`);
  /** Waits on a requester who already answered support once: past triage, so auto-close solves it. */
  const waitOnRequester = async (ticket: Ticket) => {
    if (ticket.firstResponseAt === null) {
      const asked = await service.core.service.reply(agent, formatTicketId(ticket.number), {
        message: "Qual a nota?",
      });
      clock.advance(MINUTE);
      const contact = (await service.core.directory.findContactById(ticket.requester.contactId))!;
      const answered = await service.core.service.reply(actorOf(contact), formatTicketId(ticket.number), {
        message: "A nota 1234.",
      });
      if (!asked.ok || !answered.ok) throw new Error("triage exchange failed");
      clock.advance(MINUTE);
    }
    const replied = await service.core.service.reply(agent, formatTicketId(ticket.number), {
      message: "Pode confirmar?",
    });
    if (!replied.ok) throw new Error("reply failed");
    return replied.value;
  };

  it("reminds the requester after 5 days of waiting and closes the ticket as solved after 7, once each", async () => {
    const ticket = await waitOnRequester(await openTicket());
    clock.set(new Date(ticket.statusChangedAt.getTime() + 5 * DAY - MINUTE));
    await service.timers.tick();
    expect(await kinds(ticket)).not.toContain("auto_close_reminder");

    clock.advance(MINUTE);
    await service.timers.tick();
    await service.timers.tick();
    expect((await kinds(ticket)).filter((k) => k === "auto_close_reminder")).toHaveLength(1);

    clock.advance(2 * DAY);
    await service.timers.tick();
    await service.timers.tick();
    const closed = (await service.core.tickets.findById(ticket.id))!;
    expect(closed).toMatchObject({ status: "SOLVED", closedAt: clock.now() });
    const events = await service.core.tickets.events(ticket.id);
    expect(events.filter((e) => e.kind === "STATUS_CHANGED").at(-1)).toMatchObject({
      to: "SOLVED",
      body: "auto_close",
      actor: { kind: "SYSTEM" },
    });
    const after = await kinds(ticket);
    expect(after.filter((k) => k === "status_changed")).toHaveLength(1);
    expect(after.filter((k) => k === "rating_request")).toHaveLength(1);
    const notice = await db.db.prisma.outboxItem.findFirstOrThrow({
      where: { ticketId: ticket.id, kind: "status_changed" },
    });
    expect(notice.payload).toMatchObject({ reason: "auto_close", to: "SOLVED" });
  });

  it("leaves a ticket alone once the requester answered, and reminds again in the next wait", async () => {
    // The ticket core keeps real time, so this wait is moved 5 days into the past instead of the clock ahead:
    // the reminder is then stamped before the next wait begins, as it would be in production.
    const ticket = await waitOnRequester(await openTicket());
    const fiveDaysAgo = new Date(Date.now() - 5 * DAY);
    await db.db.prisma.ticket.update({
      where: { id: ticket.id },
      data: { statusChangedAt: fiveDaysAgo, slaPausedSince: fiveDaysAgo },
    });
    clock.set(new Date());
    await service.timers.tick();
    expect((await kinds(ticket)).filter((k) => k === "auto_close_reminder")).toHaveLength(1);

    const contact = (await service.core.directory.findContactById(ticket.requester.contactId))!;
    await service.core.service.reply(actorOf(contact), formatTicketId(ticket.number), {
      message: "Ainda não funciona.",
    });
    clock.advance(10 * DAY);
    await service.timers.tick();
    expect((await service.core.tickets.findById(ticket.id))!.status).toBe("IN_PROGRESS");

    const again = await waitOnRequester(ticket);
    clock.set(new Date(again.statusChangedAt.getTime() + 5 * DAY));
    await service.timers.tick();
    await service.timers.tick();
    expect((await kinds(ticket)).filter((k) => k === "auto_close_reminder")).toHaveLength(2);
  });

  it("raises the first-response warning at 80% and the breach at 100%, once each, in the agents' channel", async () => {
    const ticket = await openTicket("HIGH");
    clock.set(new Date(ticket.createdAt.getTime() + 47 * MINUTE));
    await service.timers.tick();
    expect(await alerts(ticket)).toEqual([]);
    clock.set(new Date(ticket.createdAt.getTime() + 48 * MINUTE));
    await service.timers.tick();
    await service.timers.tick();
    expect(await alerts(ticket)).toEqual(["first_response warning"]);
    clock.set(new Date(ticket.createdAt.getTime() + 61 * MINUTE));
    await service.timers.tick();
    await service.timers.tick();
    expect(await alerts(ticket)).toEqual(["first_response warning", "first_response breach"]);
    const alert = await db.db.prisma.outboxItem.findFirstOrThrow({
      where: { ticketId: ticket.id, kind: "sla_alert" },
    });
    expect(alert).toMatchObject({ channel: "SLACK", scope: `ticket:${ticket.id}` });
    const row = await db.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row.slaFirstBreachedAt).toEqual(clock.now());
  });

  it("pauses the resolution clock while waiting on the requester", async () => {
    const ticket = await waitOnRequester(await openTicket("HIGH"));
    clock.set(new Date(ticket.createdAt.getTime() + 20 * HOUR));
    await service.timers.tick();
    expect(await alerts(ticket)).toEqual([]);
  });

  it("fires once when two instances tick at the same moment, and nothing again after a restart", async () => {
    const waiting = await waitOnRequester(await openTicket());
    const late = await openTicket("LOW");
    const second = await openDatabase({
      databaseUrl: db.url,
      dataDir: "/nonexistent",
      migrateOnStart: false,
    });
    try {
      const config = await testConfig({ DATABASE_URL: db.url });
      const targets = { deliverable: () => true, agentChannel: () => "SLACK" as const };
      const notify = createNotificationPolicy(targets);
      const jobsOn = (prisma: typeof second.prisma) => {
        const queries = createPrismaTimerQueries(prisma);
        return [
          createAutoCloseJob({
            queries,
            tickets: createPrismaTicketRepository(prisma),
            notify,
            targets,
            policy: { enabled: true, days: 7, remindDaysBefore: 2 },
          }),
          createSlaJob({ queries, targets, policy: slaPolicyOf(config) }),
        ];
      };
      const other = createTimerScheduler({
        clock,
        intervalMs: 1000,
        jobs: jobsOn(second.prisma),
        log: pino({ level: "silent" }),
      });
      clock.set(new Date(waiting.statusChangedAt.getTime() + 5 * DAY));
      await Promise.all([service.timers.tick(), other.tick(), service.timers.tick(), other.tick()]);
      expect((await kinds(waiting)).filter((k) => k === "auto_close_reminder")).toHaveLength(1);
      expect(await alerts(late)).toEqual(["first_response breach", "resolution breach"]);

      clock.advance(2 * DAY);
      await Promise.all([service.timers.tick(), other.tick()]);
      expect((await kinds(waiting)).filter((k) => k === "status_changed")).toHaveLength(1);
      expect(
        (await service.core.tickets.events(waiting.id)).filter((e) => e.body === "auto_close"),
      ).toHaveLength(1);

      const restarted = createTimerScheduler({
        clock,
        intervalMs: 1000,
        jobs: jobsOn(second.prisma),
        log: pino({ level: "silent" }),
      });
      const before = await db.db.prisma.outboxItem.count();
      await restarted.tick();
      expect(await db.db.prisma.outboxItem.count()).toBe(before);
    } finally {
      await second.close();
    }
  });

  it("counts open tickets past their SLA for stats", async () => {
    const ticket = await openTicket("HIGH");
    clock.set(new Date(ticket.createdAt.getTime() + 2 * HOUR));
    await service.timers.tick();
    const counts = await createPrismaTimerQueries(db.db.prisma).slaCounts({
      organizationId: ticket.organizationId,
    });
    expect(counts.firstResponseBreached).toBeGreaterThanOrEqual(1);
  });

  it("lists the open tickets past their SLA for the console's breaching view", async () => {
    const late = await openTicket("HIGH");
    const fresh = await openTicket("LOW");
    clock.set(new Date(late.createdAt.getTime() + 2 * HOUR));
    await service.timers.tick();
    const breaching = async () =>
      (await service.core.service.list(agent, { limit: 100, slaBreached: true })).items.map((t) => t.id);
    expect(await breaching()).toContain(late.id);
    expect(await breaching()).not.toContain(fresh.id);
    const solved = await service.core.service.changeStatus(agent, formatTicketId(late.number), {
      status: "SOLVED",
    });
    expect(solved.ok).toBe(true);
    expect(await breaching()).not.toContain(late.id);
  });
});
