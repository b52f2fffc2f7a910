import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWith } from "../support/pg-database-for-service.js";
import { cli, startApiService } from "./support.js";

const opening = {
  subject: "Boleto duplicado",
  department: "technical",
  priority: "MEDIUM",
  type: "support",
  message: "Recebi dois boletos iguais.",
};

describeWith({ pg: true }, "department change through the API and the CLI", () => {
  let s: Awaited<ReturnType<typeof startApiService>>;
  beforeAll(async () => {
    s = await startApiService();
  });
  afterAll(async () => {
    await s?.stop();
  });

  const open = async () => (await s.acme.post("/tickets", opening)).json.ticket.publicId as string;
  const kinds = async (ref: string) =>
    (await s.agent.get(`/tickets/${ref}`)).json.events.map((e: { kind: string }) => e.kind);

  it("an agent key moves a ticket with PUT /tickets/{ref}/department, recorded in the history", async () => {
    const ref = await open();
    const moved = await s.agent.put(`/tickets/${ref}/department`, { department: "sales" });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ department: "sales" });
    const detail = (await s.acme.get(`/tickets/${ref}`)).json;
    expect(detail.events.find((e: { kind: string }) => e.kind === "DEPARTMENT_CHANGED")).toMatchObject({
      from: "technical",
      to: "sales",
      actor: { kind: "AGENT", name: "panel" },
    });
    // The same department again changes nothing.
    await s.agent.put(`/tickets/${ref}/department`, { department: "sales" });
    expect((await kinds(ref)).filter((k: string) => k === "DEPARTMENT_CHANGED")).toHaveLength(1);
  });

  it("refuses a department that does not exist (400) and a requester's key (403)", async () => {
    const ref = await open();
    const unknown = await s.agent.put(`/tickets/${ref}/department`, { department: "nowhere" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0]).toMatchObject({ field: "department" });
    expect((await s.agent.put(`/tickets/${ref}/department`, {})).status).toBe(400);
    expect((await s.acme.put(`/tickets/${ref}/department`, { department: "sales" })).status).toBe(403);
    expect((await s.acme.get(`/tickets/${ref}`)).json.ticket.department).toBe("technical");
  });

  it("the CLI's `department` moves it too", async () => {
    const ref = await open();
    const done = await cli(["department", ref, "general"], s.env);
    expect(done.err).toBe("");
    expect(done.code).toBe(0);
    expect((await s.acme.get(`/tickets/${ref}`)).json.ticket.department).toBe("general");
    const refused = await cli(["department", ref, "nowhere"], s.env);
    expect(refused.code).not.toBe(0);
  });

  it("the OpenAPI document lists the route", async () => {
    const doc = (await fetch(`${s.service.url}/api/v1/openapi.json`).then((r) => r.json())) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.paths["/tickets/{ref}/department"]?.put).toBeDefined();
  });
});
