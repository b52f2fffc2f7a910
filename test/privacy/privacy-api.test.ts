import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import { cli, client, createKey, seedOrganizations } from "../api/support.js";
import { once } from "../support/once.js";
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

  /** Dora's export, asked with an agent key, for unknown contacts and then by the admin key: what came back. */
  const exportDora = once(async () => {
    const byAgent = (await client(service.url, agent).get("/contacts/api:erp-77/export")).status;
    const api = client(service.url, admin);
    const nobody = (await api.get("/contacts/api:nobody/export")).status;
    const fax = (await api.get("/contacts/fax:erp-77/export")).status;
    const response = await fetch(`${service.url}/api/v1/contacts/api:erp-77/export`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    return {
      byAgent,
      nobody,
      fax,
      status: response.status,
      type: response.headers.get("content-type"),
      disposition: response.headers.get("content-disposition"),
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  });

  it("exports a zip to admin keys only, by channel identity or id", async () => {
    const response = await exportDora();
    expect(response.byAgent).toBe(403);
    expect(response.nobody).toBe(404);
    expect(response.fax).toBe(404);

    expect(response.status).toBe(200);
    expect(response.type).toBe("application/zip");
    expect(response.disposition).toMatch(
      /^attachment; filename="contact-[0-9a-f-]+\.zip"; filename\*=UTF-8''contact-[0-9a-f-]+\.zip$/,
    );
    const files = await unzip(response.bytes);
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
    // Exported before it is erased, as the test above does: the log shows both.
    await exportDora();
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
