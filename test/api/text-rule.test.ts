import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";
import { count } from "../sweep/support/partial-rows.js";
import { client, createKey } from "./support.js";

const ticket = (overrides: Record<string, unknown> = {}) => ({
  subject: "Nota fiscal rejeitada",
  department: "technical",
  priority: "HIGH",
  type: "incident",
  message: "A SEFAZ rejeita a nota 123.",
  requester: { externalId: "t-1", name: "Ana", organizationKey: "acme" },
  ...overrides,
});

/** A JSON body as raw text, so a lone surrogate goes out as the escape a careless client writes. */
const rawPost = (url: string, key: string, body: string, lang = "en") =>
  fetch(`${url}/api/v1/tickets`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "accept-language": lang },
    body,
  });

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Every C0 control but tab and newline (and CR, stored as LF), and DEL and C1. */
const refusedControls = [...Array(32).keys(), 0x7f, 0x85, 0x9f].filter(
  (c) => c !== 9 && c !== 10 && c !== 13,
);

const at = "2026-01-01T00:00:00.000Z";
const tamperedCursors = [
  "not base64 at all!",
  "%00",
  base64url("just a string"),
  base64url({ field: "createdAt", value: "garbage", number: 1 }),
  base64url({ field: "createdAt", value: "2026-02-31T00:00:00.000Z", number: 1 }),
  base64url({ field: "createdAt", value: at, number: -1 }),
  base64url({ field: "createdAt", value: at, number: 1e12 }),
  base64url({ field: "createdAt", value: at, number: 1, extra: true }),
  base64url({ field: "number", value: at, number: 1 }),
  base64url({ field: "priority", value: "URGENT", number: 1 }),
  base64url({ field: "dropTable", value: 1, number: 1 }),
];

describeWith({ pg: true }, "the text rule and page cursors at the REST door", () => {
  let db: ThrowawayDatabase;
  let service: RunningService;
  let key: string;
  const rows = async () => ({
    tickets: await count(db.db.prisma, "SELECT count(*) AS n FROM ticket"),
    contacts: await count(db.db.prisma, "SELECT count(*) AS n FROM contact"),
    outbox: await count(db.db.prisma, "SELECT count(*) AS n FROM outbox_item"),
  });

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    const env = await testEnv({ DATABASE_URL: db.url });
    service = await startService(await testConfig(env), {
      port: 0,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
    });
    key = (await createKey(env, "panel", "all")).secret;
    // Requesters are named in an organization an operator made; the API never makes one.
    await service.core.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: "acme-founder",
      displayName: "acme founder",
      organization: { key: "acme", name: "ACME" },
      registered: true,
    });
    for (let i = 0; i < 3; i++) {
      const made = await client(service.url, key).post("/tickets", ticket({ subject: `Pedido ${i + 1}` }));
      expect(made.status).toBe(201);
    }
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("answers a NUL in the subject 400, names the field and stores nothing", async () => {
    const before = await rows();
    const response = await client(service.url, key).post(
      "/tickets",
      ticket({ subject: "Boleto\u0000 vencido" }),
    );
    expect(response.status).toBe(400);
    expect(response.type).toContain("application/problem+json");
    expect(response.json).toMatchObject({
      code: "VALIDATION_FAILED",
      errors: [{ field: "subject", code: "CONTROL_CHARACTER" }],
    });
    expect(response.json.errors[0].detail).toContain("U+0000");
    expect(await rows()).toEqual(before);
  });

  it("refuses every C0 control but tab and newline, and DEL and C1, in the message", async () => {
    const before = await rows();
    for (const code of refusedControls) {
      const response = await client(service.url, key).post(
        "/tickets",
        ticket({ message: `antes${String.fromCharCode(code)}depois` }),
      );
      expect(response.status, `U+${code.toString(16)}`).toBe(400);
      expect(response.json.errors).toEqual([
        expect.objectContaining({ field: "message", code: "CONTROL_CHARACTER" }),
      ]);
    }
    expect(await rows()).toEqual(before);
  });

  it("answers a lone surrogate 400 in the caller's language and stores nothing", async () => {
    const before = await rows();
    const body = JSON.stringify(ticket({ subject: "SUBJECT" })).replace("SUBJECT", "Nota \\ud800 fiscal");
    const response = await rawPost(service.url, key, body, "pt-BR");
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string; code: string; detail: string }[] };
    expect(problem.errors).toEqual([
      { field: "subject", code: "INVALID_UNICODE", detail: expect.stringContaining("Assunto") },
    ]);
    expect(await rows()).toEqual(before);
  });

  it("stores CRLF as LF and text in NFC, so it counts and searches as it looks", async () => {
    const decomposed = "Cafe\u0301 sem ac\u0327u\u0301car";
    const made = await client(service.url, key).post(
      "/tickets",
      ticket({ subject: decomposed, message: "linha 1\r\nlinha 2\rlinha 3" }),
    );
    expect(made.status).toBe(201);
    expect(made.json.ticket.subject).toBe(decomposed.normalize("NFC"));
    const detail = await client(service.url, key).get(`/tickets/${made.json.ticket.publicId}`);
    expect(detail.json.events[0].body).toBe("linha 1\nlinha 2\nlinha 3");
    const found = await client(service.url, key).get(`/tickets?q=${encodeURIComponent("café")}`);
    expect(found.json.items.map((t: { publicId: string }) => t.publicId)).toContain(
      made.json.ticket.publicId,
    );
  });

  it("refuses unstorable text in the requester, the assignee, the search and the filters", async () => {
    const before = await rows();
    const api = client(service.url, key);
    const created = await api.post(
      "/tickets",
      ticket({ requester: { externalId: "x\u0000", name: "Bia", organizationKey: "acme" } }),
    );
    expect(created.status).toBe(400);
    expect(created.json.errors[0]).toMatchObject({
      field: "requester.externalId",
      code: "CONTROL_CHARACTER",
    });
    const assigned = await api.put("/tickets/1/assignee", {
      assignee: { id: "slack:U1", name: "Carla\u001b[31m" },
    });
    expect(assigned.status).toBe(400);
    expect(assigned.json.errors[0]).toMatchObject({ code: "CONTROL_CHARACTER" });
    for (const query of ["q=a%00b", "assigneeId=%00", "department=tech%00nical", "type=%1b"]) {
      const listed = await api.get(`/tickets?${query}`);
      expect(listed.status, query).toBe(400);
      expect(listed.type).toContain("application/problem+json");
    }
    // Bytes that are not UTF-8 at all reach the handler as U+FFFD, which is text: searched, not refused.
    expect((await api.get("/tickets?q=%ED%A0%80")).status).toBe(200);
    expect(await rows()).toEqual(before);
  });

  it("answers 400 problem+json to tampered cursors instead of restarting or failing", async () => {
    const api = client(service.url, key);
    const first = await api.get("/tickets?limit=1");
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await api.get(`/tickets?limit=1&cursor=${first.json.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.json.items[0].publicId).not.toBe(first.json.items[0].publicId);

    for (const cursor of tamperedCursors) {
      const response = await api.get(`/tickets?cursor=${encodeURIComponent(cursor)}`);
      expect(response.status, cursor).toBe(400);
      expect(response.type).toContain("application/problem+json");
      expect(response.json).toMatchObject({ code: "INVALID_CURSOR" });
      expect(JSON.stringify(response.json)).not.toContain("garbage");
    }
    // A cursor is bound to its sort: reused under another order it is refused, not misread.
    const byNumber = await api.get(`/tickets?sort=number&cursor=${first.json.nextCursor}`);
    expect(byNumber.status).toBe(400);
    const priorityPage = await api.get("/tickets?sort=priority&limit=1");
    const priorityNext = await api.get(
      `/tickets?sort=priority&limit=1&cursor=${priorityPage.json.nextCursor}`,
    );
    expect(priorityNext.status).toBe(200);
  });

  it("counts what it refused, by door and reason", async () => {
    const refusedSoFar = async () => {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      const count = (reason: string) =>
        Number(
          text
            .split("\n")
            .find((l) => l.startsWith(`chamado_input_refused_total{door="api",reason="${reason}"}`))
            ?.split(" ")
            .at(-1) ?? 0,
        );
      return {
        control: count("CONTROL_CHARACTER"),
        unicode: count("INVALID_UNICODE"),
        cursor: count("INVALID_CURSOR"),
      };
    };
    // Its own refusals, counted from what the tests before it (if any ran) left on the counters.
    const before = await refusedSoFar();
    const api = client(service.url, key);
    for (const code of refusedControls) {
      const response = await api.post(
        "/tickets",
        ticket({ message: `antes${String.fromCharCode(code)}depois` }),
      );
      expect(response.status).toBe(400);
    }
    const body = JSON.stringify(ticket({ subject: "SUBJECT" })).replace("SUBJECT", "Nota \\ud800 fiscal");
    expect((await rawPost(service.url, key, body)).status).toBe(400);
    for (const cursor of tamperedCursors) {
      expect((await api.get(`/tickets?cursor=${encodeURIComponent(cursor)}`)).status).toBe(400);
    }
    const after = await refusedSoFar();
    expect(after.control - before.control).toBeGreaterThanOrEqual(30);
    expect(after.unicode - before.unicode).toBe(1);
    expect(after.cursor - before.cursor).toBeGreaterThanOrEqual(11);
  });
});
