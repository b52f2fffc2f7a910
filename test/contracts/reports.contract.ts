import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoragePorts } from "../../src/core/ports/storage.js";
import { createReportService, type Report } from "../../src/core/reports/service.js";
import type { Actor } from "../../src/core/ticket/ticket.js";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import { DEFAULT_SLA_TARGETS } from "../../src/core/timers/sla.js";
import { HOUR } from "../../testkit/manual-clock.js";
import { agent, buildService, validTicket } from "../support/core-harness.js";

const MINUTE = 60_000;
const bruno: Actor = { kind: "agent", id: "slack:U02BRUNO", name: "Bruno" };
const must = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

/**
 * The report figures every store must compute alike (memory in JS, PostgreSQL and PGlite in SQL),
 * over one desk's history whose every duration is known: four tickets, two organizations, two
 * rated, one first response late, abandoned intake flows at three steps.
 */
export const reportsContract = (
  name: string,
  open: () => Promise<{ storage: StoragePorts; close(): Promise<void> }>,
) => {
  describe(`report figures contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    let all: Report;
    let orgA: Report;
    let sales: Report;
    let orgAId: string;

    beforeAll(async () => {
      store = await open();
      const h = await buildService({
        tickets: store.storage.tickets,
        directory: store.storage.directory,
        outbox: async () => [],
        close: async () => {},
      });
      const T0 = h.clock.now();
      const a = await h.requester("org-a");
      const b = await h.requester("org-b");
      orgAId = a.actor.organizationId;
      const open1 = async (who: typeof a, fields: Record<string, unknown>) =>
        formatTicketId(
          must(await h.service.create(who.actor, who.identity, validTicket(fields))).ticket.number,
        );

      // t1: answered in 30 min, the requester 2 h later, solved 1 h after that by Ana, rated 5.
      const t1 = await open1(a, { department: "technical", priority: "HIGH" });
      h.clock.advance(30 * MINUTE);
      must(await h.service.reply(agent, t1, { message: "Qual a nota?" }));
      h.clock.advance(2 * HOUR);
      must(await h.service.reply(a.actor, t1, { message: "A 1234." }));
      h.clock.advance(HOUR);
      must(await h.service.assign(agent, t1, { assignee: { id: "slack:U01AGENT", name: "Ana Agent" } }));
      must(await h.service.changeStatus(agent, t1, { status: "SOLVED" }));
      must(await h.service.rate(a.actor, t1, { score: 5 }));

      // t2 (LOW, 8 h target): first answered after 10 h, escalated 1 h later, still open.
      const t2 = await open1(a, { department: "sales", priority: "LOW" });
      h.clock.advance(10 * HOUR);
      must(await h.service.reply(agent, t2, { message: "Qual boleto?" }));
      h.clock.advance(HOUR);
      must(await h.service.changeStatus(agent, t2, { status: "ESCALATED" }));

      // t3 (org B, MEDIUM): answered by Bruno in 1 h, requester 1 h later, solved 3 h later, rated 3.
      const t3 = await open1(b, { department: "technical", priority: "MEDIUM" });
      h.clock.advance(HOUR);
      must(await h.service.reply(bruno, t3, { message: "Qual tela?" }));
      h.clock.advance(HOUR);
      must(await h.service.reply(b.actor, t3, { message: "A de login." }));
      h.clock.advance(3 * HOUR);
      must(await h.service.assign(bruno, t3, { assignee: { id: "slack:U02BRUNO", name: "Bruno" } }));
      must(await h.service.changeStatus(bruno, t3, { status: "SOLVED" }));
      must(await h.service.rate(b.actor, t3, { score: 3 }));

      // t4 (org B, HIGH): untouched for 2 h, its first response already late.
      h.clock.advance(HOUR);
      await open1(b, { department: "technical", priority: "HIGH" });
      h.clock.advance(2 * HOUR);
      const now = h.clock.now();

      const flow = (contactId: string, step: string, at: Date, flowName = "open_ticket") =>
        store.storage.abandoned.record({ contactId, flow: flowName, step, reason: "timeout", at });
      await flow(a.identity.contactId, "subject", T0);
      await flow(a.identity.contactId, "subject", now);
      await flow(b.identity.contactId, "message", now);
      await flow(b.identity.contactId, "summary", now);
      await flow(b.identity.contactId, "list", now, "my_tickets");
      await flow(a.identity.contactId, "subject", new Date(T0.getTime() - 24 * HOUR));

      const reports = createReportService({
        queries: store.storage.reports,
        clock: h.clock,
        sla: { targets: DEFAULT_SLA_TARGETS, warnRatio: 0.8 },
      });
      const period = { from: T0, to: new Date(now.getTime() + MINUTE) };
      all = must(await reports.report(agent, period));
      orgA = must(await reports.report(agent, { ...period, organizationId: orgAId }));
      sales = must(await reports.report(agent, { ...period, department: "sales" }));
    });

    it("narrows every figure but the intake funnel to one department", () => {
      expect(sales.timeInStatus.filter((r) => r.department === null && r.period === null)).toEqual(
        all.timeInStatus.filter((r) => r.department === "sales").map((r) => ({ ...r, department: null })),
      );
      const total = (o: Report["sla"]["firstResponse"]) => o.met + o.breached + o.running;
      // t2 alone: its first response came after 10 h against an 8 h target.
      expect(sales.sla.firstResponse).toMatchObject({ met: 0, breached: 1, running: 0 });
      expect(total(sales.sla.resolution)).toBe(1);
      expect(sales.ratings.count).toBe(0);
      expect(sales.intake).toEqual(all.intake);
    });
    afterAll(async () => {
      await store?.close();
    });

    it("averages time in each open status with its 90th percentile, over all and by department", () => {
      const every = all.timeInStatus.filter((r) => r.department === null && r.period === null);
      expect(every).toEqual([
        // NEW: 30 min, 10 h, 1 h, 2 h.
        {
          department: null,
          period: null,
          status: "NEW",
          count: 4,
          averageMs: 3.375 * HOUR,
          p90Ms: 7.6 * HOUR,
        },
        {
          department: null,
          period: null,
          status: "IN_PROGRESS",
          count: 2,
          averageMs: 2 * HOUR,
          p90Ms: 2.8 * HOUR,
        },
        {
          department: null,
          period: null,
          status: "ESCALATED",
          count: 1,
          averageMs: 8 * HOUR,
          p90Ms: 8 * HOUR,
        },
        {
          department: null,
          period: null,
          status: "WAITING_ON_REQUESTER",
          count: 3,
          averageMs: 4_800_000,
          p90Ms: 1.8 * HOUR,
        },
      ]);
      expect(all.timeInStatus.filter((r) => r.department === "sales")).toEqual([
        {
          department: "sales",
          period: null,
          status: "NEW",
          count: 1,
          averageMs: 10 * HOUR,
          p90Ms: 10 * HOUR,
        },
        {
          department: "sales",
          period: null,
          status: "ESCALATED",
          count: 1,
          averageMs: 8 * HOUR,
          p90Ms: 8 * HOUR,
        },
        {
          department: "sales",
          period: null,
          status: "WAITING_ON_REQUESTER",
          count: 1,
          averageMs: HOUR,
          p90Ms: HOUR,
        },
      ]);
      expect(all.timeInStatus.find((r) => r.department === "technical" && r.status === "NEW")).toEqual({
        department: "technical",
        period: null,
        status: "NEW",
        count: 3,
        averageMs: (3.5 * HOUR) / 3,
        p90Ms: 1.8 * HOUR,
      });
    });

    it("groups time in status by the month tickets were created in", () => {
      const months = all.timeInStatus.filter((r) => r.period !== null);
      // Every ticket of the desk was created in March 2026: the month's figures are the totals.
      expect(months.map(({ period, ...rest }) => ({ ...rest, period: null }))).toEqual(
        all.timeInStatus.filter((r) => r.department === null && r.period === null),
      );
      expect(new Set(months.map((r) => r.period))).toEqual(new Set(["2026-03"]));
    });

    it("reports ratings: count, average, distribution, by agent and by department", () => {
      expect(all.ratings).toEqual({
        count: 2,
        average: 4,
        distribution: { "1": 0, "2": 0, "3": 1, "4": 0, "5": 1 },
        byAgent: [
          { agentId: "slack:U01AGENT", agentName: "Ana Agent", count: 1, average: 5 },
          { agentId: "slack:U02BRUNO", agentName: "Bruno", count: 1, average: 3 },
        ],
        byDepartment: [{ department: "technical", count: 2, average: 4 }],
      });
      expect(orgA.ratings.count).toBe(1);
    });

    it("judges first response and resolution against each ticket's SLA target", () => {
      expect(all.sla).toEqual({
        firstResponse: { met: 2, breached: 2, running: 0, averageMs: 13_800_000 },
        resolution: { met: 2, breached: 0, running: 2, averageMs: 2.75 * HOUR },
      });
      expect(orgA.sla.firstResponse).toEqual({ met: 1, breached: 1, running: 0, averageMs: 5.25 * HOUR });
    });

    it("counts intake flows by the step where they stopped, and how many reached each step", () => {
      expect(all.intake.opened).toBe(4);
      expect(all.intake.steps).toEqual([
        { step: "subject", reached: 8, stopped: 2 },
        { step: "department", reached: 6, stopped: 0 },
        { step: "priority", reached: 6, stopped: 0 },
        { step: "type", reached: 6, stopped: 0 },
        { step: "message", reached: 6, stopped: 1 },
        { step: "files", reached: 5, stopped: 0 },
        { step: "similar", reached: 5, stopped: 0 },
        { step: "summary", reached: 5, stopped: 1 },
        { step: "edit", reached: 4, stopped: 0 },
      ]);
      expect(orgA.intake.opened).toBe(2);
      expect(orgA.intake.steps[0]).toEqual({ step: "subject", reached: 4, stopped: 2 });
    });
  });
};
