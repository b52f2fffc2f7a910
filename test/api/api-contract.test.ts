import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningService } from "../../src/app/service.js";
import { LIMITS } from "../../src/core/ticket/commands.js";
import { DEFAULT_TAXONOMY } from "../../src/core/ticket/taxonomy.js";
import { describeWith, type ThrowawayDatabase } from "../support/pg-database-for-service.js";
import { client, startApiService } from "./support.js";

const input = (overrides: Record<string, unknown> = {}) => ({
  subject: "Boleto vencido",
  department: "sales",
  priority: "LOW",
  type: "support",
  message: "Preciso da segunda via.",
  requester: { externalId: "c-1", name: "Carla", organizationKey: "acme" },
  ...overrides,
});

describeWith({ pg: true }, "REST API: what the document promises is what the server does", () => {
  let s: Awaited<ReturnType<typeof startApiService>>;
  let db: ThrowawayDatabase;
  let service: RunningService;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    s = await startApiService();
    service = s.service;
    db = s.db;
    api = s.agent;
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("documents the core's limits and the configured departments and types", async () => {
    const doc = (await client(service.url).get("/openapi.json")).json;
    const create = doc.paths["/tickets"].post.requestBody.content["application/json"].schema.properties;
    expect(create.subject).toMatchObject({ minLength: LIMITS.subject.min, maxLength: LIMITS.subject.max });
    expect(create.message).toMatchObject({ minLength: LIMITS.message.min, maxLength: LIMITS.message.max });
    expect(create.department.enum).toEqual(DEFAULT_TAXONOMY.departments.map((d) => d.code));
    expect(create.type.enum).toEqual(DEFAULT_TAXONOMY.types.map((t) => t.code));
    const reply = doc.paths["/tickets/{ref}/replies"].post.requestBody.content["application/json"].schema;
    expect(reply.properties.message.maxLength).toBe(LIMITS.message.max);

    // And the server holds exactly those limits.
    const atMax = await api.post("/tickets", input({ subject: "s".repeat(LIMITS.subject.max) }));
    expect(atMax.status).toBe(201);
    const over = await api.post("/tickets", input({ subject: "s".repeat(LIMITS.subject.max + 1) }));
    expect(over.status).toBe(400);
    expect(over.json.errors).toEqual([expect.objectContaining({ field: "subject", code: "TOO_LONG" })]);
    const department = await api.post("/tickets", input({ department: "finance" }));
    expect(department.json.errors).toEqual([
      expect.objectContaining({ field: "department", code: "NOT_ONE_OF" }),
    ]);
  });

  it("answers every 400 in one shape, with the same field names and the caller's language", async () => {
    const shape = await api.post(
      "/tickets",
      { ...input(), priority: "URGENT", subject: 3 },
      {
        "accept-language": "pt-BR",
      },
    );
    const rule = await api.post("/tickets", input({ subject: "ab" }), { "accept-language": "pt-BR" });
    for (const response of [shape, rule]) {
      expect(response.status).toBe(400);
      expect(response.type).toContain("application/problem+json");
      expect(response.json).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
      for (const e of response.json.errors)
        expect(Object.keys(e).sort()).toEqual(["code", "detail", "field"]);
    }
    expect(shape.json.errors).toEqual(
      expect.arrayContaining([
        {
          field: "priority",
          code: "NOT_ONE_OF",
          detail: "Prioridade: escolha uma destas opções: LOW, MEDIUM, HIGH.",
        },
        expect.objectContaining({ field: "subject", code: "INVALID" }),
      ]),
    );
    expect(rule.json.errors).toEqual([expect.objectContaining({ field: "subject", code: "TOO_SHORT" })]);
    const english = await api.get("/tickets?limit=0", { "accept-language": "en" });
    expect(english.json.errors).toEqual([expect.objectContaining({ field: "limit", code: "INVALID" })]);
  });

  it("refuses an Idempotency-Key reused for another ticket with 422, and replays the same one", async () => {
    const key = { "idempotency-key": "order-77" };
    const first = await api.post("/tickets", input({ subject: "Pedido 77" }), key);
    expect(first.status).toBe(201);
    const again = await api.post("/tickets", input({ subject: "Pedido 77" }), key);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: false, ticket: { publicId: first.json.ticket.publicId } });
    const other = await api.post("/tickets", input({ subject: "Pedido 78" }), key);
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
  });

  it("answers an unknown organization 404 and creates none", async () => {
    const response = await api.post(
      "/tickets",
      input({ requester: { externalId: "x", name: "X", organizationKey: "acmee" } }),
    );
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ code: "UNKNOWN_ORGANIZATION" });
    expect(await db.db.prisma.organization.count({ where: { key: "acmee" } })).toBe(0);
  });

  it("gives 201s a Location, and takes public statuses in any case as filters", async () => {
    const created = await api.post("/tickets", input({ subject: "Com endereço" }));
    expect(created.status).toBe(201);
    const location = created.headers.get("location");
    expect(location).toBe(`/api/v1/tickets/${created.json.ticket.publicId}`);
    expect((await api.get(location!.replace("/api/v1", ""))).status).toBe(200);
    for (const status of ["closed", "open,answered", "Open", "in_progress"]) {
      const listed = await api.get(`/tickets?status=${status}`);
      expect([status, listed.status]).toEqual([status, 200]);
    }
  });
});
