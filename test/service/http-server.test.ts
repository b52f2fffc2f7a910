import { createHash } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunnableChannel } from "../../src/adapters/channel.js";
import { createLogger } from "../../src/adapters/http/logger.js";
import { type RunningService, startService } from "../../src/app/service.js";
import { spawnService, testConfig, testEnv } from "../../testkit/spawn-service.js";
import { testChannel } from "../../testkit/test-channel.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const sha256 = (bytes: Buffer | undefined) =>
  bytes ? createHash("sha256").update(bytes).digest("hex") : null;

/** Routes that show what a channel handler receives. */
const probe = (calls: { count: number }, release: Promise<void>, slowStarted: () => void): RunnableChannel =>
  testChannel("probe", () => ({
    http: {
      name: "probe",
      routes: [
        {
          method: "POST",
          url: "/slack/events",
          async handler(request) {
            calls.count += 1;
            return { body: request.body, rawSha256: sha256(request.rawBody) };
          },
        },
        {
          method: "POST",
          url: "/whatsapp/webhook",
          async handler() {
            slowStarted();
            await release;
            return { finished: true };
          },
        },
      ],
    },
  }));

describeWith({ pg: true }, "the HTTP server", () => {
  let db: ThrowawayDatabase;
  let service: RunningService;
  const logs: string[] = [];
  const calls = { count: 0 };
  let release!: () => void;
  const slowRelease = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Shutdown must find the request already inside its handler: a fixed wait is no proof of that on a busy machine.
  let markSlowStarted!: () => void;
  const slowStarted = new Promise<void>((resolve) => {
    markSlowStarted = resolve;
  });

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    service = await startService(await testConfig({ DATABASE_URL: db.url, HTTP_BODY_LIMIT_BYTES: "2048" }), {
      port: 0,
      logger: createLogger("info", sink),
      startTimers: false,
      channels: [probe(calls, slowRelease, markSlowStarted)],
    });
  });
  afterAll(async () => {
    release();
    await service?.stop();
    await db?.drop();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });

  it("answers /healthz, /readyz and /metrics", async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${service.url}/readyz`)).json()).toEqual({
      status: "ready",
      checks: { database: "ok" },
    });
    const metrics = await fetch(`${service.url}/metrics`);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const text = await metrics.text();
    for (const name of [
      "chamado_inbound_messages_total",
      "chamado_tickets_created_total",
      "chamado_outbox_deliveries_total",
      "chamado_outbox_queue_depth",
      "chamado_http_request_duration_seconds",
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    expect(text).toMatch(
      /chamado_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 1/,
    );
  });

  it("hands channel handlers the parsed body and the exact raw bytes, JSON or form", async () => {
    const json = '{"type":"event_callback",  "n": 1}';
    const answer = await (await post("/slack/events", json)).json();
    expect(answer).toEqual({ body: { type: "event_callback", n: 1 }, rawSha256: sha256(Buffer.from(json)) });
    const form = "payload=%7B%22a%22%3A1%7D&token=x";
    const formAnswer = await (
      await post("/slack/events", form, { "content-type": "application/x-www-form-urlencoded" })
    ).json();
    expect(formAnswer).toEqual({
      body: { payload: '{"a":1}', token: "x" },
      rawSha256: sha256(Buffer.from(form)),
    });
  });

  it("refuses an oversized body with 413 and malformed JSON with 400, as problem+json, before any handler runs", async () => {
    const before = calls.count;
    const big = await post("/slack/events", JSON.stringify({ text: "x".repeat(4096) }));
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toContain("application/problem+json");
    expect(await big.json()).toMatchObject({
      status: 413,
      code: "BODY_TOO_LARGE",
      type: "urn:chamado:problem:body-too-large",
    });
    const broken = await post("/slack/events", '{"type": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      status: 400,
      code: "MALFORMED_JSON",
      instance: "/slack/events",
    });
    expect((await post("/slack/events", "hello", { "content-type": "text/plain" })).status).toBe(415);
    expect(calls.count).toBe(before);
  });

  it("answers unknown routes 404 as problem+json", async () => {
    const missing = await fetch(`${service.url}/telegram/webhook`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, title: "Not Found" });
  });

  it("logs each request with its id, and never bodies, tokens or phone numbers", async () => {
    const response = await post(
      "/slack/events?hub.verify_token=VERIFY-SECRET",
      JSON.stringify({ from: "+5511999998888", text: "meu CPF" }),
      {
        authorization: "Bearer chd_TOPSECRET",
        "x-request-id": "trace-42",
      },
    );
    expect(response.headers.get("x-request-id")).toBe("trace-42");
    const generated = (await fetch(`${service.url}/healthz`)).headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logs.join("");
    expect(lines).toContain('"reqId":"trace-42"');
    for (const secret of ["VERIFY-SECRET", "TOPSECRET", "5511999998888", "meu CPF"])
      expect(lines).not.toContain(secret);
  });

  it("lets a request under way finish on shutdown, then refuses new ones", async () => {
    const slow = post("/whatsapp/webhook", "{}");
    await slowStarted;
    const stopped = service.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect(await (await slow).json()).toEqual({ finished: true });
    await stopped;
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

it("starts with the README's start command on an embedded database and exits 0 on SIGTERM", async () => {
  const port = await freePort();
  const env = await testEnv({
    PORT: String(port),
    LOG_LEVEL: "info",
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
  });
  const service = await spawnService(join(import.meta.dirname, "../../src/app/main.ts"), {
    ...env,
    DATABASE_URL: "",
    REDIS_URL: "",
  });
  try {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({
      status: "ready",
      checks: { database: "ok" },
    });
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain(
      "chamado_outbox_queue_depth",
    );
  } finally {
    service.child.kill("SIGTERM");
  }
  expect(await service.exited).toEqual({ code: 0, signal: null });
  expect(service.logs.some((l) => l.includes('"msg":"service stopped"'))).toBe(true);
}, 180_000);
