import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWith } from "../support/pg-database-for-service.js";
import { cli, startApiService } from "./support.js";

const opening = {
  subject: "Preciso de uma ligação",
  department: "technical",
  priority: "MEDIUM",
  type: "support",
  message: "Prefiro resolver por telefone.",
};

describeWith({ pg: true }, "contact requests through the API and the CLI", () => {
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

  it("a requester's key asks for contact once; an agent key marks it done", async () => {
    const ref = await open();
    const asked = await s.acme.post(`/tickets/${ref}/contact-request`, undefined);
    expect(asked.status).toBe(200);
    // Asking again while it is pending records nothing new.
    expect((await s.acme.post(`/tickets/${ref}/contact-request`, undefined)).status).toBe(200);
    expect((await kinds(ref)).filter((k: string) => k === "CONTACT_REQUESTED")).toHaveLength(1);
    expect((await s.acme.post(`/tickets/${ref}/contact-done`, undefined)).status).toBe(403);
    const done = await s.agent.post(`/tickets/${ref}/contact-done`, undefined);
    expect(done.status).toBe(200);
    const detail = (await s.acme.get(`/tickets/${ref}`)).json;
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
      "MESSAGE",
      "CONTACT_REQUESTED",
      "CONTACT_DONE",
    ]);
    expect(detail.events.at(-1).actor).toMatchObject({ kind: "AGENT", name: "panel" });
    expect((await s.agent.post("/tickets/TKT-999999/contact-done", undefined)).status).toBe(404);
  });

  it("the CLI's `contact-done` marks it done and `show` no longer lists it as pending", async () => {
    const ref = await open();
    await s.acme.post(`/tickets/${ref}/contact-request`, undefined);
    expect((await cli(["show", ref, "--lang", "en"], s.env)).out).toContain("contact requested");
    const done = await cli(["contact-done", ref], s.env);
    expect(done.err).toBe("");
    expect(done.code).toBe(0);
    const shown = await cli(["show", ref, "--lang", "en"], s.env);
    expect(shown.out).not.toContain("contact requested 20");
    expect(shown.out).toContain("marked the requested contact done");
  });
});
