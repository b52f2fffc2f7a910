import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import { cli, client, createKey, seedOrganizations } from "../api/support.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";
import { unzip } from "./privacy-suite.js";

describeWith({ pg: true }, "export and erasure through the REST API", () => {
  let db: ThrowawayDatabase;
  let env: Record<string, string>;
  let service: RunningService;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    env = await testEnv({ DATABASE_URL: db.url });
    service = await startService(await testConfig(env), {
      port: 0,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
    });
    admin = JSON.parse(
      (await cli(["api-key", "create", "--name", "dpo", "--admin", "--json"], env)).out,
    ).secret;
    await seedOrganizations(service, ["acme"]);
    agent = (await createKey(env, "panel", "all")).secret;
    const created = await client(service.url, agent).post("/tickets", {
      subject: "Boleto duplicado",
      department: "technical",
      priority: "HIGH",
      type: "incident",
      message: "Recebi o boleto 4455 duas vezes",
      requester: { externalId: "erp-77", name: "Dora Dias", organizationKey: "acme" },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("exports a zip to admin keys only, by channel identity or id", async () => {
    expect((await client(service.url, agent).get("/contacts/api:erp-77/export")).status).toBe(403);
    const api = client(service.url, admin);
    expect((await api.get("/contacts/api:nobody/export")).status).toBe(404);
    expect((await api.get("/contacts/fax:erp-77/export")).status).toBe(404);

    const response = await fetch(`${service.url}/api/v1/contacts/api:erp-77/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="contact-[0-9a-f-]+\.zip"; filename\*=UTF-8''contact-[0-9a-f-]+\.zip$/,
    );
    const files = await unzip(new Uint8Array(await response.arrayBuffer()));
    const doc = JSON.parse(files.get("contact.json")!.toString("utf8"));
    expect(doc.contact).toMatchObject({ channel: "API", platformUserId: "erp-77", displayName: "Dora Dias" });
    expect(doc.tickets[0].events[0].body).toBe("Recebi o boleto 4455 duas vezes");

    const openapi = (await (await fetch(`${service.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
    };
    expect(Object.keys(openapi.paths["/contacts/{contact}/export"]!.get.responses["200"]!.content)).toEqual([
      "application/zip",
    ]);
  });

  it("erases once, answers the same afterwards, and the log names the key and the door", async () => {
    const api = client(service.url, admin);
    const contactId = (await service.core.directory.findContact("API", "erp-77"))!.id;
    expect((await client(service.url, agent).post(`/contacts/${contactId}/erase`, {})).status).toBe(403);
    const erased = await api.post(`/contacts/api:erp-77/erase`, {});
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ contactId, alreadyErased: false, tickets: 1 });
    expect((await api.post(`/contacts/${contactId}/erase`, {})).json).toMatchObject({ alreadyErased: true });
    expect((await api.post(`/contacts/api:erp-77/erase`, {})).status).toBe(404);

    const ticket = await client(service.url, agent).get("/tickets/1");
    expect(ticket.json.ticket ?? ticket.json).toBeDefined();
    expect(JSON.stringify(ticket.json)).not.toContain("Dora");
    expect(JSON.stringify(ticket.json)).not.toContain("4455");

    const log = await api.get(`/audit?target=${contactId}`);
    expect(log.json.items.map((e: { action: string; door: string }) => [e.action, e.door])).toEqual([
      ["contact.erased", "api"],
      ["contact.exported", "api"],
    ]);
    expect(log.json.items[0].actor).toMatchObject({ kind: "api_key", name: "dpo" });
  });
});
