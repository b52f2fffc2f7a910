import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { actorOf } from "../../src/core/ticket/requester-of.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";
import { client, createKey, seedOrganizations } from "./support.js";

describeWith({ pg: true }, "GET /api/v1/stats report", () => {
  let db: ThrowawayDatabase;
  let service: RunningService;
  let agentKey: string;
  let acmeKey: string;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    const env = await testEnv({ DATABASE_URL: db.url });
    service = await startService(await testConfig(env), {
      port: 0,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
    });
    await seedOrganizations(service, ["acme", "globex"]);
    agentKey = (await createKey(env, "panel", "all")).secret;
    const agents = client(service.url, agentKey);
    for (const [org, person, score] of [
      ["acme", "a-1", 5],
      ["globex", "g-1", 2],
    ] as const) {
      const created = await agents.post("/tickets", {
        subject: `Pedido ${org}`,
        department: org === "acme" ? "technical" : "sales",
        priority: "HIGH",
        type: "incident",
        message: "A nota foi rejeitada.",
        requester: { externalId: person, name: person, organizationKey: org },
      });
      const ref = created.json.ticket.publicId;
      await agents.put(`/tickets/${ref}/assignee`, { assignee: { id: "api:carla", name: "Carla" } });
      expect((await agents.post(`/tickets/${ref}/replies`, { message: "Qual o número?" })).status).toBe(200);
      expect((await agents.put(`/tickets/${ref}/status`, { status: "SOLVED" })).status).toBe(200);
      const ticket = (await service.core.tickets.findByNumber(created.json.ticket.number))!;
      const contact = (await service.core.directory.findContactById(ticket.requester.contactId))!;
      expect((await service.core.service.rate(actorOf(contact), ref, { score })).ok).toBe(true);
      await service.core.storage.abandoned.record({
        contactId: contact.id,
        flow: "open_ticket",
        step: "department",
        reason: "timeout",
        at: new Date(),
      });
    }
    acmeKey = (await createKey(env, "acme portal", { org: "acme" })).secret;
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("answers time in status, ratings, SLA outcomes and the intake funnel with the counts", async () => {
    const response = await client(service.url, agentKey).get("/stats");
    expect(response.status).toBe(200);
    const { report } = response.json;
    expect(report.period).toEqual({ from: null, to: null });
    expect(report.ratings).toMatchObject({
      count: 2,
      average: 3.5,
      distribution: { "1": 0, "2": 1, "3": 0, "4": 0, "5": 1 },
      byAgent: [{ agentId: "api:carla", agentName: "Carla", count: 2, average: 3.5 }],
    });
    expect(report.ratings.byDepartment.map((d: { department: string }) => d.department).sort()).toEqual([
      "sales",
      "technical",
    ]);
    expect(report.sla.firstResponse).toMatchObject({ met: 2, breached: 0, running: 0 });
    expect(report.sla.resolution).toMatchObject({ met: 2, breached: 0, running: 0 });
    expect(
      report.timeInStatus.filter(
        (r: { department: string | null; period: string | null }) =>
          r.department === null && r.period === null,
      ),
    ).toEqual([
      expect.objectContaining({ status: "NEW", count: 2 }),
      expect.objectContaining({ status: "WAITING_ON_REQUESTER", count: 2 }),
    ]);
    // Opened through the API: none by the chat intake; both flows stopped at the department.
    expect(report.intake.opened).toBe(0);
    expect(report.intake.steps.slice(0, 2)).toEqual([
      { step: "subject", reached: 2, stopped: 0 },
      { step: "department", reached: 2, stopped: 2 },
    ]);
  });

  it("limits the report to the key's organization and to the period asked", async () => {
    const acme = (await client(service.url, acmeKey).get("/stats")).json.report;
    expect(acme.ratings).toMatchObject({ count: 1, average: 5 });
    expect(acme.intake.steps[1]).toEqual({ step: "department", reached: 1, stopped: 1 });

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const later = (await client(service.url, agentKey).get(`/stats?from=${encodeURIComponent(tomorrow)}`))
      .json.report;
    expect(later.period.from).toBe(tomorrow);
    expect(later.ratings.count).toBe(0);
    expect(later.timeInStatus).toEqual([]);
  });

  it("refuses a malformed or backwards period with a problem, 400", async () => {
    const api = client(service.url, agentKey);
    const malformed = await api.get("/stats?from=yesterday");
    expect(malformed.status).toBe(400);
    expect(malformed.type).toContain("application/problem+json");
    const backwards = await api.get(
      `/stats?from=${encodeURIComponent("2026-03-02T00:00:00Z")}&to=${encodeURIComponent("2026-03-01T00:00:00Z")}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.json).toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
