import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ticket } from "../../src/core/ticket/ticket.js";
import { autoCloseDue, DEFAULT_AUTO_CLOSE, decideAutoClose } from "../../src/core/timers/auto-close.js";
import {
  DEFAULT_SLA_TARGETS,
  dueSlaAlerts,
  type SlaStamps,
  slaElapsedMs,
  slaStatus,
} from "../../src/core/timers/sla.js";
import { atTriage, decideTriageAbandon, triageDue } from "../../src/core/timers/triage.js";
import { DAY, HOUR } from "../../testkit/manual-clock.js";

const T0 = new Date("2026-03-02T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const policy = { targets: DEFAULT_SLA_TARGETS, warnRatio: 0.8 };
const noStamps: SlaStamps = {
  firstWarnedAt: null,
  firstBreachedAt: null,
  resolutionWarnedAt: null,
  resolutionBreachedAt: null,
};

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: "00000000-0000-4000-8000-000000000001",
  number: 1,
  subject: "Impressora",
  department: "technical",
  priority: "HIGH",
  type: "incident",
  status: "NEW",
  channel: "TELEGRAM",
  requester: { contactId: "c1", personId: "p1", channel: "TELEGRAM", displayName: "Rita" },
  organizationId: "o1",
  assignee: null,
  createdAt: T0,
  updatedAt: T0,
  statusChangedAt: T0,
  lastReply: null,
  firstResponseAt: null,
  closedAt: null,
  requesterLastMessageAt: T0,
  agentReadAt: null,
  contactRequestedAt: null,
  tags: [],
  mergedInto: null,
  rating: null,
  sla: { pausedMs: 0, pausedSince: null },
  version: 0,
  ...overrides,
});

describe("SLA clocks", () => {
  it("warns a HIGH ticket at 48 minutes without a first response and breaches it after an hour", () => {
    expect(dueSlaAlerts(ticket(), noStamps, at(47 * 60_000), policy)).toEqual([]);
    expect(dueSlaAlerts(ticket(), noStamps, at(48 * 60_000), policy)).toMatchObject([
      { clock: "first_response", level: "warning" },
    ]);
    const warned = { ...noStamps, firstWarnedAt: at(48 * 60_000) };
    expect(dueSlaAlerts(ticket(), warned, at(59 * 60_000), policy)).toEqual([]);
    expect(dueSlaAlerts(ticket(), warned, at(HOUR), policy)).toMatchObject([
      { clock: "first_response", level: "breach", dueAt: at(HOUR) },
    ]);
  });

  it("goes straight to the breach, without a late warning, when it was never warned", () => {
    expect(dueSlaAlerts(ticket(), noStamps, at(2 * HOUR), policy)).toMatchObject([
      { clock: "first_response", level: "breach" },
    ]);
  });

  it("stops the first-response clock at the first answer", () => {
    const answered = ticket({ firstResponseAt: at(30 * 60_000), status: "IN_PROGRESS" });
    expect(slaStatus(answered, at(5 * HOUR), policy).firstResponse).toMatchObject({
      state: "stopped",
      breached: false,
      elapsedMs: 30 * 60_000,
    });
    expect(dueSlaAlerts(answered, noStamps, at(5 * HOUR), policy)).toEqual([]);
  });

  it("pauses while waiting on the requester, and counts only the time outside the wait", () => {
    const waiting = ticket({
      status: "WAITING_ON_REQUESTER",
      firstResponseAt: at(10 * 60_000),
      sla: { pausedMs: 0, pausedSince: at(HOUR) },
    });
    expect(slaStatus(waiting, at(30 * HOUR), policy).resolution).toMatchObject({
      state: "paused",
      elapsedMs: HOUR,
      dueAt: null,
    });
    expect(dueSlaAlerts(waiting, noStamps, at(30 * HOUR), policy)).toEqual([]);
    const resumed = ticket({
      status: "IN_PROGRESS",
      firstResponseAt: at(10 * 60_000),
      sla: { pausedMs: 29 * HOUR, pausedSince: null },
    });
    expect(slaStatus(resumed, at(33 * HOUR), policy).resolution).toMatchObject({
      state: "running",
      elapsedMs: 4 * HOUR,
      dueAt: at(37 * HOUR),
    });
    expect(dueSlaAlerts(resumed, noStamps, at(35.4 * HOUR), policy)).toMatchObject([
      { clock: "resolution", level: "warning" },
    ]);
  });

  it("never counts more SLA time than wall time, nor less than none", () => {
    fc.assert(
      fc.property(
        fc.nat(100 * DAY),
        fc.nat(100 * DAY),
        fc.option(fc.nat(100 * DAY), { nil: null }),
        (now, paused, since) => {
          const t = ticket({ sla: { pausedMs: paused, pausedSince: since === null ? null : at(since) } });
          const elapsed = slaElapsedMs(t, at(now));
          return elapsed >= 0 && elapsed <= now;
        },
      ),
    );
  });

  it("raises at most one alert per clock, and none once that clock has breached", () => {
    const stamp = fc.option(fc.constant(T0), { nil: null });
    fc.assert(
      fc.property(
        fc.nat(200 * HOUR),
        fc.constantFrom("LOW", "MEDIUM", "HIGH"),
        stamp,
        stamp,
        (now, priority, firstBreachedAt, resolutionBreachedAt) => {
          const alerts = dueSlaAlerts(
            ticket({ priority }),
            { ...noStamps, firstBreachedAt, resolutionBreachedAt },
            at(now),
            policy,
          );
          const clocks = alerts.map((a) => a.clock);
          return (
            new Set(clocks).size === clocks.length &&
            (firstBreachedAt === null || !clocks.includes("first_response")) &&
            (resolutionBreachedAt === null || !clocks.includes("resolution"))
          );
        },
      ),
    );
  });
});

describe("auto-close decisions", () => {
  // Support answered, the requester wrote back, support answered again: past triage.
  const waiting = ticket({
    status: "WAITING_ON_REQUESTER",
    statusChangedAt: T0,
    firstResponseAt: at(-2 * HOUR),
    requesterLastMessageAt: at(-HOUR),
    sla: { pausedMs: 0, pausedSince: T0 },
  });

  it("reminds after N-2 days, once per wait, and closes after N days", () => {
    expect(autoCloseDue(waiting, null, at(5 * DAY - 1), DEFAULT_AUTO_CLOSE)).toBeNull();
    expect(autoCloseDue(waiting, null, at(5 * DAY), DEFAULT_AUTO_CLOSE)).toBe("remind");
    expect(autoCloseDue(waiting, at(5 * DAY), at(6 * DAY), DEFAULT_AUTO_CLOSE)).toBeNull();
    expect(autoCloseDue(waiting, at(5 * DAY), at(7 * DAY), DEFAULT_AUTO_CLOSE)).toBe("close");
  });

  it("reminds again in a later wait, since the old stamp predates it", () => {
    const waitingAgain = { ...waiting, statusChangedAt: at(10 * DAY) };
    expect(autoCloseDue(waitingAgain, at(5 * DAY), at(15 * DAY), DEFAULT_AUTO_CLOSE)).toBe("remind");
  });

  it("does nothing when switched off or when the ticket is not waiting on the requester", () => {
    expect(autoCloseDue(waiting, null, at(30 * DAY), { ...DEFAULT_AUTO_CLOSE, enabled: false })).toBeNull();
    expect(
      autoCloseDue({ ...waiting, status: "IN_PROGRESS" }, null, at(30 * DAY), DEFAULT_AUTO_CLOSE),
    ).toBeNull();
  });

  it("closes as SOLVED by the system, marks the reason, and ends the SLA pause", () => {
    const decided = decideAutoClose(waiting, at(7 * DAY), DEFAULT_AUTO_CLOSE, () => []);
    if (!decided.ok) throw new Error("expected a decision");
    expect(decided.value.patch).toMatchObject({
      status: "SOLVED",
      closedAt: at(7 * DAY),
      sla: { pausedMs: 7 * DAY, pausedSince: null },
    });
    expect(decided.value.events).toMatchObject([
      {
        kind: "STATUS_CHANGED",
        from: "WAITING_ON_REQUESTER",
        to: "SOLVED",
        body: "auto_close",
        actor: { kind: "SYSTEM" },
      },
    ]);
    const early = decideAutoClose(waiting, at(6 * DAY), DEFAULT_AUTO_CLOSE, () => []);
    expect(early.ok && early.value.events).toEqual([]);
  });

  it("closes a ticket still at triage as ABANDONED, never as solved", () => {
    const unanswered = { ...waiting, firstResponseAt: T0, requesterLastMessageAt: at(-HOUR) };
    const decided = decideAutoClose(unanswered, at(7 * DAY), DEFAULT_AUTO_CLOSE, () => []);
    expect(decided.ok && decided.value.events).toMatchObject([
      { kind: "STATUS_CHANGED", to: "ABANDONED", body: "triage_abandoned", actor: { kind: "SYSTEM" } },
    ]);
  });
});

describe("triage decisions", () => {
  const policy48 = { abandonAfterMs: 48 * HOUR };
  const asked = ticket({
    status: "WAITING_ON_REQUESTER",
    statusChangedAt: T0,
    firstResponseAt: T0,
    requesterLastMessageAt: at(-HOUR),
    sla: { pausedMs: 0, pausedSince: T0 },
  });

  it("is at triage until the requester writes after support's first reply", () => {
    expect(atTriage(asked)).toBe(true);
    expect(atTriage({ ...asked, requesterLastMessageAt: null })).toBe(true);
    expect(atTriage({ ...asked, requesterLastMessageAt: at(HOUR) })).toBe(false);
    expect(atTriage({ ...asked, firstResponseAt: null })).toBe(false);
    expect(atTriage({ ...asked, status: "IN_PROGRESS" })).toBe(false);
  });

  it("abandons at the configured time, and never when switched off", () => {
    expect(triageDue(asked, at(48 * HOUR - 1), policy48)).toBe(false);
    expect(triageDue(asked, at(48 * HOUR), policy48)).toBe(true);
    expect(triageDue(asked, at(90 * DAY), { abandonAfterMs: 0 })).toBe(false);
    const decided = decideTriageAbandon(asked, at(48 * HOUR), policy48, () => []);
    expect(decided.ok && decided.value.patch).toMatchObject({ status: "ABANDONED", closedAt: at(48 * HOUR) });
    const answered = decideTriageAbandon(
      { ...asked, requesterLastMessageAt: at(HOUR) },
      at(60 * HOUR),
      policy48,
      () => [],
    );
    expect(answered.ok && answered.value.events).toEqual([]);
  });
});
