import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENTS, eventually, type SlackTestService, startSlackService } from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

const MANAGERS = "C0MANAGERS";
const ON_CALL = "U0ONCALL";
const HOUR = 60 * 60_000;

describe("Slack: SLA escalation", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService({
      SLA_ESCALATE_ON: "breach",
      SLACK_ESCALATION_MENTION: "S0ONCALL",
      SLACK_ESCALATION_ASSIGN_TO: ON_CALL,
      SLACK_MANAGERS_CHANNEL_ID: MANAGERS,
    });
    t.slack.setUser(ON_CALL, { name: "Olga", locale: "en-US" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const tick = async () => {
    await t.service.timers.tick();
    t.service.worker.wake();
  };
  const lines = (root: { ts: string }) => t.slack.thread(AGENTS, root.ts).map((m) => m.text);

  it("on a breach: mentions the on-call group in the thread, reassigns, tells the managers; each once", async () => {
    const { ticket, ref, root } = await supplierTicket(t, 650_001, "ERP down for everyone");
    // MEDIUM: first response within 4 h; the warning at 80% does not escalate here.
    t.clock.advance(3.3 * HOUR);
    await tick();
    await eventually(() => lines(root).some((l) => l.includes("SLA warning")), "the warning");
    expect(lines(root).find((l) => l.includes("SLA warning"))).not.toContain("subteam");
    expect(t.slack.messages(MANAGERS)).toEqual([]);

    t.clock.advance(0.8 * HOUR);
    await tick();
    await eventually(() => lines(root).some((l) => l.includes("SLA breached")), "the breach");
    expect(lines(root).find((l) => l.includes("SLA breached"))).toMatch(
      /^<!subteam\^S0ONCALL> 🚨 SLA breached: first response was due /,
    );
    await eventually(() => t.slack.messages(MANAGERS).length === 1, "the managers' message");
    const told = t.slack.messages(MANAGERS)[0]!.text;
    expect(told).toContain(`📣 Escalated: *${ref}* ERP down for everyone`);
    expect(told).toContain(`/archives/${AGENTS}/p${root.ts.replace(".", "")}|Open the thread>`);
    await eventually(
      async () => (await t.ticket(ticket.number)).assignee?.id === `slack:${ON_CALL}`,
      "reassigned",
    );
    expect((await t.ticket(ticket.number)).assignee).toEqual({ id: `slack:${ON_CALL}`, name: "Olga" });

    // Later ticks find the alert already raised: nothing is repeated.
    const before = { thread: lines(root).length, managers: t.slack.messages(MANAGERS).length };
    for (let i = 0; i < 3; i++) {
      t.clock.advance(HOUR);
      await tick();
    }
    await eventually(async () => (await t.outbox()).every((i) => i.state !== "PENDING"), "the queue drained");
    expect(t.slack.messages(MANAGERS)).toHaveLength(before.managers);
    expect(lines(root).filter((l) => l.includes("SLA breached"))).toHaveLength(1);
    const escalations = (await t.outbox()).filter(
      (i) => i.ticketId === ticket.id && i.kind === "sla_escalation",
    );
    expect(escalations.map((i) => i.state)).toEqual(["DELIVERED"]);
    const assignments = (await t.service.core.tickets.events(ticket.id)).filter(
      (e) => e.kind === "ASSIGNEE_CHANGED",
    );
    expect(assignments.map((e) => e.to)).toEqual(["Olga"]);
  });
});
