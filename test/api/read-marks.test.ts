import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWith } from "../support/pg-database-for-service.js";
import { cli, startApiService } from "./support.js";

const opening = {
  subject: "Nota fiscal rejeitada",
  department: "technical",
  priority: "HIGH",
  type: "incident",
  message: "A SEFAZ rejeita a nota 123.",
};

describeWith({ pg: true }, "read marks through the API and the CLI", () => {
  let s: Awaited<ReturnType<typeof startApiService>>;
  beforeAll(async () => {
    s = await startApiService();
  });
  afterAll(async () => {
    await s?.stop();
  });

  const open = async () => (await s.acme.post("/tickets", opening)).json.ticket.publicId as string;

  it("an agent key opening a ticket marks the requester's message read, with who and when", async () => {
    const ref = await open();
    const before = (await s.acme.get(`/tickets/${ref}`)).json;
    expect(before).toMatchObject({ readBySupport: false, readAt: null, readBy: null });
    const seen = (await s.agent.get(`/tickets/${ref}`)).json;
    expect(seen).toMatchObject({ readBySupport: true, readBy: { name: "panel" } });
    expect(Date.parse(seen.readAt)).toBeGreaterThan(0);
    const after = (await s.acme.get(`/tickets/${ref}`)).json;
    expect(after).toMatchObject({ readBySupport: true, readAt: seen.readAt, readBy: { name: "panel" } });
    // The mark is the agents' business: requesters see the answer, not a line in the history.
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual(["MESSAGE"]);
    expect(seen.events.map((e: { kind: string }) => e.kind)).toEqual(["MESSAGE", "AGENT_READ"]);
    // Opening it again marks nothing new.
    expect((await s.agent.get(`/tickets/${ref}`)).json.events).toHaveLength(2);
  });

  it("a new message from the requester is unread again until an agent replies", async () => {
    const ref = await open();
    await s.agent.get(`/tickets/${ref}`);
    await s.acme.post(`/tickets/${ref}/replies`, { message: "Segue o XML." });
    expect((await s.acme.get(`/tickets/${ref}`)).json.readBySupport).toBe(false);
    await s.agent.post(`/tickets/${ref}/replies`, { message: "Recebido, obrigado." });
    expect((await s.acme.get(`/tickets/${ref}`)).json).toMatchObject({
      readBySupport: true,
      readBy: { name: "panel" },
    });
  });

  it("a requester's own reading leaves it unread, and an unknown ticket stays 404 for agents", async () => {
    const ref = await open();
    await s.acme.get(`/tickets/${ref}`);
    expect((await s.acme.get(`/tickets/${ref}`)).json.readBySupport).toBe(false);
    expect((await s.agent.get("/tickets/TKT-999999")).status).toBe(404);
  });

  it("`show` in the CLI marks it read and prints who read it and when", async () => {
    const ref = await open();
    const shown = await cli(["show", ref, "--lang", "en"], s.env);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/read by support: \d{4}-\d\d-\d\d[ T]\d\d:\d\d.* by \S+/);
    const json = JSON.parse((await cli(["show", ref, "--json"], s.env)).out);
    expect(json.readBySupport).toBe(true);
    expect((await s.acme.get(`/tickets/${ref}`)).json.readBySupport).toBe(true);
  });
});
