import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createContentInspector } from "../../src/adapters/files/content-inspector.js";
import { createMemoryStorage } from "../../src/adapters/storage/memory/storage.js";
import { createSlaJob } from "../../src/adapters/timers/sla-job.js";
import { runCli } from "../../src/app/cli/main.js";
import { loadConfig } from "../../src/app/config/index.js";
import { slaPolicyOf } from "../../src/app/config/service.js";
import { DEFAULT_ATTACHMENT_RULES } from "../../src/core/attachments/rules.js";
import { brazilianHolidays, businessCalendars, businessHoursInput } from "../../src/core/hours/calendar.js";
import { createNotificationPolicy } from "../../src/core/outbox/notification-policy.js";
import type { BlobStore } from "../../src/core/ports/blob-store.js";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import { createTicketService } from "../../src/core/ticket/service.js";
import { DEFAULT_TAXONOMY } from "../../src/core/ticket/taxonomy.js";
import { DEFAULT_SLA_TARGETS, type SlaPolicy, slaStatus, slaTimeMs } from "../../src/core/timers/sla.js";
import { manualClock } from "../../testkit/manual-clock.js";

const HOUR = 60 * 60_000;
const week = {
  mon: ["08:00-18:00"],
  tue: ["08:00-18:00"],
  wed: ["08:00-18:00"],
  thu: ["08:00-18:00"],
  fri: ["08:00-18:00"],
};
/** São Paulo is UTC−3 all year: 08:00 there is 11:00Z. */
const calendars = businessCalendars(
  businessHoursInput.parse({
    default: { timeZone: "America/Sao_Paulo", week, brazilianHolidays: true },
    departments: {
      sales: {
        timeZone: "America/Sao_Paulo",
        week: { ...week, sat: ["09:00-13:00"] },
        holidays: ["2026-04-03", "2026-04-06"],
      },
    },
  }),
);
const policy: SlaPolicy = { targets: DEFAULT_SLA_TARGETS, warnRatio: 0.8, calendars };

describe("business hours", () => {
  it("knows Brazil's national holidays, Good Friday and Consciência Negra included", () => {
    expect(brazilianHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-21",
      "2026-05-01",
      "2026-09-07",
      "2026-10-12",
      "2026-11-02",
      "2026-11-15",
      "2026-11-20",
      "2026-12-25",
    ]);
    expect(brazilianHolidays(2023)).not.toContain("2023-11-20");
  });

  it("counts working time across a weekend and a holiday, per department, and finds the next opening", () => {
    const cal = calendars.of("technical");
    // Thursday 2 April 2026, 17:00 in São Paulo; Good Friday (3 April) and the weekend are off.
    const thu17 = new Date("2026-04-02T20:00:00Z");
    const mon11 = new Date("2026-04-06T14:00:00Z");
    expect(cal.workingMs(thu17, mon11)).toBe(4 * HOUR);
    expect(cal.addWorkingMs(thu17, 4 * HOUR)).toEqual(mon11);
    expect(cal.isOpen(new Date("2026-04-03T14:00:00Z"))).toBe(false);
    expect(cal.nextOpening(new Date("2026-04-03T14:00:00Z"))).toEqual(new Date("2026-04-06T11:00:00Z"));
    expect(cal.nextOpening(mon11)).toEqual(mon11);
    // Sales works Saturday mornings and takes Good Friday and Monday off.
    expect(calendars.of("sales").addWorkingMs(thu17, 4 * HOUR)).toEqual(new Date("2026-04-04T15:00:00Z"));
    expect(calendars.of("sales").workingMs(thu17, mon11)).toBe(1 * HOUR + 4 * HOUR);
  });

  it("an SLA clock and its timers go by working minutes, across the weekend and the holiday", async () => {
    const clock = manualClock(new Date("2026-04-02T20:00:00Z"));
    const storage = createMemoryStorage();
    const targets = { deliverable: () => true, agentChannel: () => "SLACK" as const };
    const service = createTicketService({
      tickets: storage.tickets,
      blobs: { put: async () => "", get: async () => null } as unknown as BlobStore,
      inspector: createContentInspector(),
      clock,
      taxonomy: DEFAULT_TAXONOMY,
      attachmentRules: DEFAULT_ATTACHMENT_RULES,
      reopenWindowDays: 7,
      notify: createNotificationPolicy(targets),
      slaTime: (department, from, to) => slaTimeMs(policy, department, from, to),
    });
    const contact = await storage.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: "42",
      displayName: "Sofia",
      organization: { key: "acme", name: "ACME" },
      registered: true,
    });
    const created = await service.create(actorOf(contact), identityOf(contact), {
      subject: "Nota fiscal rejeitada",
      department: "technical",
      priority: "MEDIUM",
      type: "support",
      message: "Erro 539",
    });
    if (!created.ok) throw new Error("not created");
    const ticket = created.value.ticket;
    // MEDIUM: first response within 4 working hours, warned at 80% (3 h 12 min).
    expect(slaStatus(ticket, clock.now(), policy).firstResponse.dueAt).toEqual(
      new Date("2026-04-06T14:00:00Z"),
    );

    const job = createSlaJob({ queries: storage.timers, targets, policy });
    const alerts = () =>
      storage
        .outboxRows()
        .filter((r) => r.draft.kind === "sla_alert")
        .map((r) => `${(r.payload as { level: string }).level} ${(r.payload as { dueAt: string }).dueAt}`);
    const at = async (iso: string) => {
      clock.set(new Date(iso));
      return job.run(clock.now());
    };
    // Four wall hours later (Thursday night), over the holiday and the whole weekend: nothing.
    for (const iso of [
      "2026-04-03T00:00:00Z",
      "2026-04-03T18:00:00Z",
      "2026-04-05T23:59:00Z",
      "2026-04-06T11:00:00Z",
    ])
      expect(await at(iso)).toBe(0);
    // Monday 10:11 in São Paulo is 3 h 11 min of working time: one minute short of the warning.
    expect(await at("2026-04-06T13:11:00Z")).toBe(0);
    expect(await at("2026-04-06T13:12:00Z")).toBe(1);
    expect(alerts()).toEqual(["warning 2026-04-06T14:00:00.000Z"]);
    expect(await at("2026-04-06T13:59:00Z")).toBe(0);
    expect(await at("2026-04-06T14:00:01Z")).toBe(1);
    expect(await at("2026-04-06T15:00:00Z")).toBe(0);
    expect(alerts()).toEqual(["warning 2026-04-06T14:00:00.000Z", "breach 2026-04-06T14:00:00.000Z"]);
  });

  it("time waiting on the requester is taken off in working time too", async () => {
    const clock = manualClock(new Date("2026-04-02T20:00:00Z"));
    const storage = createMemoryStorage();
    const service = createTicketService({
      tickets: storage.tickets,
      blobs: { put: async () => "", get: async () => null } as unknown as BlobStore,
      inspector: createContentInspector(),
      clock,
      taxonomy: DEFAULT_TAXONOMY,
      attachmentRules: DEFAULT_ATTACHMENT_RULES,
      reopenWindowDays: 7,
      notify: () => [],
      slaTime: (department, from, to) => slaTimeMs(policy, department, from, to),
    });
    const contact = await storage.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: "43",
      displayName: "Rui",
      organization: { key: "acme", name: "ACME" },
      registered: true,
    });
    const agent = { kind: "agent" as const, id: "cli:ana", name: "Ana" };
    const created = await service.create(actorOf(contact), identityOf(contact), {
      subject: "Boleto",
      department: "technical",
      priority: "LOW",
      type: "support",
      message: "Segunda via",
    });
    if (!created.ok) throw new Error("not created");
    const ref = "TKT-000001";
    // Thursday 17:30: waiting on the requester until Monday 09:00 (1 working hour of the wait, Monday 08–09).
    clock.set(new Date("2026-04-02T20:30:00Z"));
    await service.reply(agent, ref, { message: "Qual o CNPJ?" });
    clock.set(new Date("2026-04-06T12:00:00Z"));
    const back = await service.reply(actorOf(contact), ref, { message: "12.345.678/0001-90" });
    if (!back.ok) throw new Error("reply refused");
    expect(back.value.sla.pausedMs).toBe(1.5 * HOUR);
    // Resolution so far: Thu 17:00–17:30 and nothing else.
    expect(slaStatus(back.value, clock.now(), policy).resolution.elapsedMs).toBe(0.5 * HOUR);
  });
});

describe("business hours from BUSINESS_HOURS_FILE", () => {
  const write = async (content: unknown) => {
    const dir = await mkdtemp(join(tmpdir(), "chamado-hours-"));
    const path = join(dir, "hours.json");
    await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };

  it("is read at start, refused with the problem when wrong, and shown by the CLI", async () => {
    const path = await write({ default: { timeZone: "America/Sao_Paulo", week, brazilianHolidays: true } });
    const config = loadConfig({ BUSINESS_HOURS_FILE: path });
    expect(slaPolicyOf(config).calendars?.of("technical").isOpen(new Date("2026-04-03T14:00:00Z"))).toBe(
      false,
    );
    expect(() => loadConfig({ BUSINESS_HOURS_FILE: "/nonexistent/hours.json" })).toThrow(/cannot read/);
    const bad = await write({ default: { timeZone: "Mars/Olympus", week: { mon: ["18:00-08:00"] } } });
    expect(() => loadConfig({ BUSINESS_HOURS_FILE: bad })).toThrow(
      /default.timeZone: expected an IANA time zone/,
    );

    const out: string[] = [];
    const code = await runCli(
      ["hours", "--json"],
      { out: (t) => out.push(t), err: () => undefined },
      {
        BUSINESS_HOURS_FILE: path,
      },
    );
    expect(code).toBe(0);
    const shown = JSON.parse(out.join(""));
    expect(shown.timeZone).toBe("America/Sao_Paulo");
    expect(shown.week.mon).toEqual(["08:00-18:00"]);
    expect(shown.week.sat).toEqual([]);
  });
});
