import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";
import { cli, client, createKey } from "./support.js";

const ticketInput = (overrides: Record<string, unknown> = {}) => ({
  subject: "Nota fiscal rejeitada",
  department: "technical",
  priority: "HIGH",
  type: "incident",
  message: "A SEFAZ rejeita a nota 123 com erro 539.",
  ...overrides,
});

describeWith({ pg: true }, "REST API /api/v1", () => {
  let db: ThrowawayDatabase;
  let service: RunningService;
  let env: Record<string, string>;
  let agentKey: string;
  let acmeKey: string;
  let globexTicket: string;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    env = await testEnv({ DATABASE_URL: db.url });
    service = await startService(await testConfig(env), {
      port: 0,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
    });
    for (const key of ["acme", "globex"]) {
      await service.core.directory.ensureContact({
        channel: "TELEGRAM",
        platformUserId: `${key}-founder`,
        displayName: `${key} founder`,
        organization: { key, name: key.toUpperCase() },
        registered: true,
      });
    }
    agentKey = (await createKey(env, "panel", "all")).secret;
    acmeKey = (await createKey(env, "acme portal", { org: "acme" })).secret;
    const created = await client(service.url, agentKey).post("/tickets", {
      ...ticketInput({ subject: "Pedido da Globex" }),
      requester: { externalId: "g-1", name: "Gil", organizationKey: "globex" },
    });
    globexTicket = created.json.ticket.publicId;
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  describe("authentication", () => {
    it("refuses requests without a key, with a malformed one, or with an unknown one", async () => {
      for (const secret of [undefined, "not-a-key", `chd_${"A".repeat(43)}`]) {
        const response = await client(service.url, secret).get("/tickets");
        expect(response.status).toBe(401);
        expect(response.type).toContain("application/problem+json");
        expect(response.headers.get("www-authenticate")).toContain("Bearer");
        expect(response.json).toMatchObject({
          code: "UNAUTHORIZED",
          type: "urn:chamado:problem:unauthorized",
        });
      }
    });

    it("stores only the key's hash, and a revoked key stops working", async () => {
      const made = await createKey(env, "temporary", "all");
      const rows = await db.db.prisma.apiKey.findMany();
      expect(rows.some((r) => r.secretHash === made.secret || r.name.includes(made.secret))).toBe(false);
      expect((await client(service.url, made.secret).get("/tickets")).status).toBe(200);
      expect((await cli(["api-key", "revoke", made.id], env)).code).toBe(0);
      expect((await client(service.url, made.secret).get("/tickets")).status).toBe(401);
      const listed = await cli(["api-key", "list", "--lang", "en"], env);
      expect(listed.out).toMatch(/revoked .* temporary/);
      expect(listed.out).not.toContain(made.secret);
    });

    it("serves the OpenAPI document without a key, covering every route", async () => {
      const doc = (await client(service.url).get("/openapi.json")).json;
      expect(doc.openapi).toBe("3.1.0");
      const operations = Object.entries(
        doc.paths as Record<string, Record<string, { operationId: string }>>,
      ).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
      );
      expect(operations.sort()).toEqual([
        "DELETE /saved-replies/{name} deleteSavedReply",
        "GET /audit listAuditEntries",
        "GET /business-hours getBusinessHours",
        "GET /contacts/{contact}/export exportContact",
        "GET /kb/articles listArticles",
        "GET /kb/articles/{id} getArticle",
        "GET /kb/search searchArticles",
        "GET /kb/stats getArticleStats",
        "GET /saved-replies listSavedReplies",
        "GET /stats getStats",
        "GET /tags getTagReport",
        "GET /tickets listTickets",
        "GET /tickets/{ref} getTicket",
        "GET /tickets/{ref}/attachments/{file} getAttachment",
        "GET /tickets/{ref}/saved-replies/{name} previewSavedReply",
        "POST /contacts/{contact}/erase eraseContact",
        "POST /invitations inviteContact",
        "POST /kb/articles createArticle",
        "POST /tickets createTicket",
        "POST /tickets/{ref}/contact-done markContactDone",
        "POST /tickets/{ref}/contact-request requestContact",
        "POST /tickets/{ref}/merge mergeTicket",
        "POST /tickets/{ref}/replies replyToTicket",
        "POST /tickets/{ref}/saved-replies/{name} sendSavedReply",
        "PUT /contacts/{channel}/{platformUserId}/active setContactActive",
        "PUT /kb/articles/{id} updateArticle",
        "PUT /saved-replies/{name} saveSavedReply",
        "PUT /tickets/{ref}/assignee setTicketAssignee",
        "PUT /tickets/{ref}/department setTicketDepartment",
        "PUT /tickets/{ref}/priority setTicketPriority",
        "PUT /tickets/{ref}/status setTicketStatus",
        "PUT /tickets/{ref}/tags setTicketTags",
      ]);
      const create = doc.paths["/tickets"].post;
      expect(create.requestBody.content["application/json"].schema.required).toEqual(
        expect.arrayContaining(["subject", "department", "priority", "type", "message"]),
      );
      expect(create.responses["400"].content["application/problem+json"].schema.$ref).toBe(
        "#/components/schemas/Problem",
      );
      expect(doc.paths["/tickets"].get.parameters.map((p: { name: string }) => p.name)).toContain("cursor");
    });
  });

  describe("with an agent key (all organizations)", () => {
    const api = () => client(service.url, agentKey);

    it("creates a ticket for a named requester, once per Idempotency-Key", async () => {
      const body = {
        ...ticketInput(),
        requester: { externalId: "a-7", name: "Ana", organizationKey: "acme" },
      };
      const first = await api().post("/tickets", body, { "idempotency-key": "order-7" });
      expect(first.status).toBe(201);
      expect(first.json.ticket).toMatchObject({
        publicId: expect.stringMatching(/^TKT-\d{6}$/),
        status: "NEW",
        publicStatus: "OPEN",
        channel: "API",
      });
      expect(first.json.ticket.sla.firstResponse).toMatchObject({
        state: "running",
        targetMs: 3_600_000,
        breached: false,
      });
      const again = await api().post("/tickets", body, { "idempotency-key": "order-7" });
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ created: false, ticket: { id: first.json.ticket.id } });
    });

    it("replies, changes status, priority and assignee, and shows the history", async () => {
      const ref = globexTicket;
      expect(
        (await api().post(`/tickets/${ref}/replies`, { message: "Reenvie o XML, por favor." })).json,
      ).toMatchObject({
        status: "WAITING_ON_REQUESTER",
        lastReply: { by: "AGENT", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      });
      expect((await api().get(`/tickets?q=${ref}`)).json.items[0]?.lastReply).toMatchObject({ by: "AGENT" });
      expect(
        (await api().post(`/tickets/${ref}/replies`, { message: "cliente VIP", internal: true })).status,
      ).toBe(200);
      expect((await api().put(`/tickets/${ref}/priority`, { priority: "LOW" })).json).toMatchObject({
        priority: "LOW",
      });
      expect(
        (await api().put(`/tickets/${ref}/assignee`, { assignee: { id: "U1", name: "Bia" } })).json,
      ).toMatchObject({ assignee: { id: "U1", name: "Bia" } });
      expect((await api().put(`/tickets/${ref}/status`, { status: "SOLVED" })).json).toMatchObject({
        status: "SOLVED",
        publicStatus: "CLOSED",
      });
      const detail = (await api().get(`/tickets/${ref}`)).json;
      expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
        "MESSAGE",
        "MESSAGE",
        "STATUS_CHANGED",
        "NOTE",
        "PRIORITY_CHANGED",
        "ASSIGNEE_CHANGED",
        "STATUS_CHANGED",
      ]);
      expect(detail.ticket.sla.resolution.state).toBe("stopped");
    });

    it("lists with filters, search and cursor pagination", async () => {
      for (let i = 0; i < 3; i++) {
        await api().post("/tickets", {
          ...ticketInput({ subject: `Boleto duplicado ${i}`, priority: "MEDIUM" }),
          requester: { externalId: "a-8", name: "Ana", organizationKey: "acme" },
        });
      }
      const first = await api().get("/tickets?priority=MEDIUM&limit=2");
      expect(first.json.items).toHaveLength(2);
      expect(first.json.nextCursor).toEqual(expect.any(String));
      const second = await api().get(
        `/tickets?priority=MEDIUM&limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      );
      const subjects = [...first.json.items, ...second.json.items].map((t: { subject: string }) => t.subject);
      expect(new Set(subjects)).toEqual(
        new Set(["Boleto duplicado 0", "Boleto duplicado 1", "Boleto duplicado 2"]),
      );
      expect(second.json.nextCursor).toBeNull();
      expect((await api().get("/tickets?q=boleto")).json.items).toHaveLength(3);
      // Its own closed ticket; which others are closed depends on the tests that ran before it.
      const closed = (
        await api().post("/tickets", {
          ...ticketInput({ subject: "Pedido encerrado" }),
          requester: { externalId: "a-11", name: "Ana", organizationKey: "acme" },
        })
      ).json.ticket.publicId;
      await api().put(`/tickets/${closed}/status`, { status: "SOLVED" });
      const all = (await api().get("/tickets?limit=100")).json.items as {
        publicId: string;
        publicStatus: string;
      }[];
      const filtered = (await api().get("/tickets?status=CLOSED&limit=100")).json.items as {
        publicId: string;
      }[];
      expect(filtered.map((t) => t.publicId)).toContain(closed);
      expect(new Set(filtered.map((t) => t.publicId))).toEqual(
        new Set(all.filter((t) => t.publicStatus === "CLOSED").map((t) => t.publicId)),
      );
      expect(all.length).toBeGreaterThan(filtered.length);
    });

    it("counts tickets and SLA breaches in stats", async () => {
      // At least five tickets, as the tests before it leave; made here when it runs first.
      for (let total = (await api().get("/stats")).json.total; total < 5; total++) {
        expect(
          (
            await api().post("/tickets", {
              ...ticketInput({ subject: `Contagem ${total}` }),
              requester: { externalId: "a-12", name: "Ana", organizationKey: "acme" },
            })
          ).status,
        ).toBe(201);
      }
      const stats = (await api().get("/stats")).json;
      expect(stats.total).toBeGreaterThanOrEqual(5);
      expect(stats.sla).toEqual({
        firstResponseBreached: 0,
        resolutionBreached: 0,
        firstResponseWarned: 0,
        resolutionWarned: 0,
      });
    });
  });

  describe("with an organization key", () => {
    const api = () => client(service.url, acmeKey);

    it("opens tickets as itself and sees only its organization", async () => {
      const created = await api().post("/tickets", ticketInput({ subject: "Acesso ao portal" }));
      expect(created.status).toBe(201);
      const listed = (await api().get("/tickets?limit=100")).json.items as {
        organizationId: string;
        subject: string;
      }[];
      expect(new Set(listed.map((t) => t.organizationId))).toEqual(
        new Set([created.json.ticket.organizationId]),
      );
      expect(listed.map((t) => t.subject)).not.toContain("Pedido da Globex");
      const stats = (await api().get("/stats")).json;
      expect(stats.total).toBe(listed.length);
    });

    it("holds a ticket to 5 files from the requester's side, opening and replies together (422 TICKET_FILES_FULL)", async () => {
      const file = (n: number) => ({
        fileName: `log-${n}.txt`,
        contentBase64: Buffer.from(`linha ${n}\n`).toString("base64"),
      });
      const created = await api().post(
        "/tickets",
        ticketInput({ subject: "Logs do integrador", attachments: [1, 2, 3].map(file) }),
      );
      expect(created.status).toBe(201);
      const ref = created.json.ticket.publicId;
      const full = await api().post(`/tickets/${ref}/replies`, {
        message: "mais",
        attachments: [4, 5, 6].map(file),
      });
      expect(full.status).toBe(422);
      expect(full.json).toMatchObject({ code: "TICKET_FILES_FULL", status: 422 });
      expect(
        (await api().post(`/tickets/${ref}/replies`, { message: "mais", attachments: [4, 5].map(file) }))
          .status,
      ).toBe(200);
    });

    it("gets 404 for another organization's ticket, whatever it tries", async () => {
      for (const response of [
        await api().get(`/tickets/${globexTicket}`),
        await api().post(`/tickets/${globexTicket}/replies`, { message: "olá" }),
        await api().put(`/tickets/${globexTicket}/status`, { status: "SOLVED" }),
      ]) {
        expect(response.status).toBe(404);
        expect(response.json).toMatchObject({
          code: "TICKET_NOT_FOUND",
          type: "urn:chamado:problem:ticket-not-found",
        });
      }
      expect(
        (
          await api().get(
            `/tickets?organizationId=${(await client(service.url, agentKey).get(`/tickets/${globexTicket}`)).json.ticket.organizationId}`,
          )
        ).json.items.map((t: { publicId: string }) => t.publicId),
      ).not.toContain(globexTicket);
    });

    it("is refused agent-only changes", async () => {
      const ref = (await api().post("/tickets", ticketInput())).json.ticket.publicId;
      const response = await api().put(`/tickets/${ref}/priority`, { priority: "LOW" });
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ code: "FORBIDDEN" });
      expect((await api().post(`/tickets/${ref}/replies`, { message: "nota", internal: true })).status).toBe(
        403,
      );
      expect((await api().put(`/tickets/${ref}/status`, { status: "SOLVED" })).json).toMatchObject({
        status: "SOLVED",
      });
    });
  });

  describe("invalid input", () => {
    const api = () => client(service.url, agentKey);

    it("answers a request of the wrong shape 400 with each field's problem", async () => {
      const response = await api().post("/tickets", { subject: 3, priority: "URGENT" });
      expect(response.status).toBe(400);
      expect(response.type).toContain("application/problem+json");
      expect(response.json.code).toBe("VALIDATION_FAILED");
      expect(response.json.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(["subject", "priority", "department", "message"]),
      );
      expect((await api().get("/tickets?limit=1000")).json).toMatchObject({
        status: 400,
        errors: [{ field: "limit" }],
      });
      expect((await api().post("/tickets", ticketInput(), { "idempotency-key": "has spaces" })).status).toBe(
        400,
      );
    });

    it("answers the core's refusals in the caller's language", async () => {
      const body = {
        ...ticketInput({ subject: "ab", department: "finance" }),
        requester: { externalId: "a-9", name: "Ana", organizationKey: "acme" },
      };
      const english = await api().post("/tickets", body, { "accept-language": "en-US,en;q=0.9" });
      expect(english.status).toBe(400);
      expect(english.json).toMatchObject({ code: "VALIDATION_FAILED" });
      expect(english.json.errors).toEqual(
        expect.arrayContaining([
          { field: "subject", code: "TOO_SHORT", detail: "Subject: use at least 3 characters (you used 2)." },
          expect.objectContaining({ field: "department", code: "NOT_ONE_OF" }),
        ]),
      );
      const portuguese = await api().post("/tickets", body, { "accept-language": "pt-BR" });
      expect(portuguese.json.detail).not.toEqual(english.json.detail);
      expect(await db.db.prisma.ticket.count({ where: { subject: "ab" } })).toBe(0);
    });

    it("answers an illegal transition 409 and an unknown ticket 404", async () => {
      const ref = (
        await api().post("/tickets", {
          ...ticketInput(),
          requester: { externalId: "a-10", name: "Ana", organizationKey: "acme" },
        })
      ).json.ticket.publicId;
      await api().put(`/tickets/${ref}/status`, { status: "SOLVED" });
      expect((await api().put(`/tickets/${ref}/status`, { status: "ESCALATED" })).json).toMatchObject({
        status: 409,
        code: "ILLEGAL_TRANSITION",
      });
      expect((await api().get("/tickets/TKT-999999")).status).toBe(404);
      expect(
        (
          await api().post("/tickets", {
            ...ticketInput(),
            requester: { contactId: "6f1e7a52-4a41-4c1b-9f0e-3c5b2a1d0e9f" },
          })
        ).json,
      ).toMatchObject({ status: 422, code: "UNKNOWN_CONTACT" });
    });
  });
});
