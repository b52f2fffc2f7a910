import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { once } from "../support/once.js";
import { describeWith } from "../support/pg-database-for-service.js";
import {
  anyJson,
  deepJson,
  FIXTURES,
  HOSTILE_STRINGS,
  hostileString,
  hostileText,
  INVALID_UTF8,
  mutated,
  nonsenseBody,
  retexted,
  utf8,
} from "./support/hostile-inputs.js";
import { channelsWithContacts, count, partialRows } from "./support/partial-rows.js";
import {
  API_BODIES,
  formBody,
  LIST_KEYS,
  pathSegment,
  queryString,
  type Signing,
  signings,
  slackHeaders,
  telegramHeaders,
  whatsappHeaders,
} from "./support/routes.js";
import { expectStillHealthy, type SweepRequest, sendAndCheck } from "./support/send.js";
import { BODY_LIMIT_BYTES, SECRETS, type SweepService, startSweepService } from "./support/sweep-service.js";

/**
 * Issue 8, part 4: every HTTP route fed random, mutated, oversized, mistyped and hostile input.
 * Each request must get a 4xx or a handled answer (never a 5xx, a reset or a hang), the service
 * must keep answering, and the database must hold no half-written rows afterwards.
 * A failure prints the seed and path; rerun with SWEEP_SEED=<seed> to reproduce it.
 */
// SWEEP_SEED explores other cases; CI runs the fixed one so a failure there replays exactly.
const SEED = Number(process.env.SWEEP_SEED ?? 0x5eed_0008);
const runs = <T>(numRuns: number, examples: T[] = []): fc.Parameters<T> => ({
  numRuns,
  seed: SEED,
  endOnFailure: true,
  examples,
});

const JSON_TYPE = { "content-type": "application/json" };
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };

describeWith({ pg: true }, "malformed input sweep over every HTTP route", () => {
  let s: SweepService;
  const send = (request: SweepRequest) => sendAndCheck(s.url, request);

  beforeAll(async () => {
    s = await startSweepService();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("POST /telegram/webhook: nonsense updates with the right, a wrong or no secret", async () => {
    await fc.assert(
      fc.asyncProperty(nonsenseBody(FIXTURES.telegram), signings, async (body, signing) => {
        const status = await send({
          method: "POST",
          path: "/telegram/webhook",
          headers: { ...JSON_TYPE, ...telegramHeaders(signing) },
          body,
        });
        if (signing !== "valid" && signing !== "stale") expect(status).toBeGreaterThanOrEqual(400);
      }),
      runs(60),
    );
    await expectStillHealthy(s.url);
  });

  it("POST /whatsapp/webhook: validly signed nonsense, and forged or missing signatures", async () => {
    await fc.assert(
      fc.asyncProperty(nonsenseBody(FIXTURES.whatsapp), signings, async (body, signing) => {
        const status = await send({
          method: "POST",
          path: "/whatsapp/webhook",
          headers: { ...JSON_TYPE, ...whatsappHeaders(signing, body) },
          body,
        });
        if (signing !== "valid" && signing !== "stale") expect(status).toBeGreaterThanOrEqual(400);
      }),
      runs(60),
    );
    await expectStillHealthy(s.url);
  });

  it("GET /whatsapp/webhook: verification handshakes with hostile query strings", async () => {
    const keys = ["hub.mode", "hub.verify_token", "hub.challenge"];
    const handshake = fc.record({
      mode: fc.oneof(fc.constant("subscribe"), hostileString()),
      token: fc.oneof(fc.constant(SECRETS.waVerify), hostileString()),
      challenge: hostileString(),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(queryString(keys), handshake), async (query) => {
        const path =
          typeof query === "string"
            ? `/whatsapp/webhook${query}`
            : `/whatsapp/webhook?${new URLSearchParams({
                "hub.mode": query.mode,
                "hub.verify_token": query.token,
                "hub.challenge": query.challenge,
              }).toString()}`;
        await send({ method: "GET", path });
      }),
      runs(40),
    );
    await expectStillHealthy(s.url);
  });

  it("POST /slack/events: signed nonsense forms and JSON, stale and forged signatures", async () => {
    const commands = FIXTURES.slack.filter((f) => (f as { command?: unknown }).command !== undefined);
    const body = fc.oneof(
      hostileText(commands).map((fields) => ({
        bytes: utf8(new URLSearchParams(fields as Record<string, string>).toString()),
        headers: FORM_TYPE,
      })),
      formBody(fc.oneof(mutated(FIXTURES.slack), anyJson())).map((bytes) => ({ bytes, headers: FORM_TYPE })),
      nonsenseBody(FIXTURES.slack).map((bytes) => ({ bytes, headers: JSON_TYPE })),
    );
    await fc.assert(
      fc.asyncProperty(body, signings, async ({ bytes, headers }, signing) => {
        const status = await send({
          method: "POST",
          path: "/slack/events",
          headers: { ...headers, ...slackHeaders(signing, bytes) },
          body: bytes,
        });
        if (signing !== "valid") expect(status).toBeGreaterThanOrEqual(400);
      }),
      // Bolt read body.user.id before any listener ran: a signed block_actions without `user` was a 500.
      runs(60, [[{ bytes: utf8('{"type":"block_actions","actions":[null]}'), headers: JSON_TYPE }, "valid"]]),
    );
    await expectStillHealthy(s.url);
  });

  it("/api/v1: nonsense bodies, bad refs and bad query strings with a valid key", async () => {
    const ref = fc.oneof(fc.constant(s.ticketRef), pathSegment());
    const auth = fc.constantFrom<"valid" | "missing" | "garbage">(
      "valid",
      "valid",
      "valid",
      "missing",
      "garbage",
    );
    const call = fc.oneof(
      fc.record({ method: fc.constant("GET"), path: queryString(LIST_KEYS).map((q) => `/tickets${q}`) }),
      fc.record({
        method: fc.constant("GET"),
        path: queryString(["organizationId"]).map((q) => `/stats${q}`),
      }),
      fc.record({ method: fc.constant("GET"), path: ref.map((r) => `/tickets/${r}`) }),
      fc.record({ method: fc.constant("POST"), path: fc.constant("/tickets") }),
      fc.record({
        method: fc.constantFrom("POST", "PUT"),
        path: fc
          .tuple(ref, fc.constantFrom("replies", "status", "priority", "assignee"))
          .map(([r, action]) => `/tickets/${r}/${action}`),
      }),
    );
    await fc.assert(
      fc.asyncProperty(call, nonsenseBody(API_BODIES), auth, async ({ method, path }, body, how) => {
        const authorization: Record<string, string> =
          how === "valid"
            ? { authorization: `Bearer ${s.apiKey}` }
            : how === "garbage"
              ? { authorization: "Bearer '; DROP TABLE api_key; --" }
              : {};
        const status = await send({
          method,
          path: `/api/v1${path}`,
          headers: { ...authorization, ...(method === "GET" ? {} : JSON_TYPE) },
          ...(method === "GET" ? {} : { body }),
        });
        if (how !== "valid") expect(status).toBeGreaterThanOrEqual(400);
      }),
      runs(80),
    );
    await expectStillHealthy(s.url);
  });

  it("unknown paths, odd methods, /healthz, /readyz and /metrics", async () => {
    const path = fc.oneof(
      fc.constantFrom("/healthz", "/readyz", "/metrics", "/api/v1/openapi.json", "/", "//", "/api/v1"),
      fc.array(pathSegment(), { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join("/")}`),
      fc
        .tuple(
          fc.constantFrom("/healthz", "/metrics", "/api/v1/tickets", "/telegram/webhook"),
          queryString(["a"]),
        )
        .map(([p, q]) => `${p}${q}`),
    );
    const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    await fc.assert(
      fc.asyncProperty(path, method, async (p, m) => {
        await send({
          method: m,
          path: p,
          ...(m === "GET" || m === "HEAD" ? {} : { headers: JSON_TYPE, body: utf8("{}") }),
        });
      }),
      runs(60),
    );
    await expectStillHealthy(s.url);
  });

  it("every POST route: deep JSON, bodies over the limit, invalid UTF-8 and wrong content types", async () => {
    const overLimit = utf8(JSON.stringify({ text: "x".repeat(BODY_LIMIT_BYTES + 1) }));
    const bodies: readonly Uint8Array[] = [
      ...deepJson(10_000),
      ...deepJson(100_000),
      overLimit,
      new Uint8Array(4 * BODY_LIMIT_BYTES).fill(0x61),
      ...INVALID_UTF8,
      new Uint8Array(),
    ];
    const contentTypes = [
      "application/json",
      "application/json; charset=utf-16",
      "application/x-www-form-urlencoded",
      "text/plain",
      "application/xml",
      "multipart/form-data; boundary=x",
      "application/octet-stream",
      "application/jsonx",
      "",
    ];
    const targets: readonly {
      path: string;
      headers(signing: Signing, body: Uint8Array): Record<string, string>;
    }[] = [
      { path: "/telegram/webhook", headers: (signing) => telegramHeaders(signing) },
      { path: "/whatsapp/webhook", headers: whatsappHeaders },
      { path: "/slack/events", headers: slackHeaders },
      { path: "/api/v1/tickets", headers: () => ({ authorization: `Bearer ${s.apiKey}` }) },
      {
        path: `/api/v1/tickets/${s.ticketRef}/replies`,
        headers: () => ({ authorization: `Bearer ${s.apiKey}` }),
      },
    ];
    for (const target of targets)
      for (const body of bodies)
        for (const contentType of contentTypes) {
          const status = await send({
            method: "POST",
            path: target.path,
            headers: {
              ...(contentType ? { "content-type": contentType } : {}),
              ...target.headers("valid", body),
            },
            body,
          });
          if (body.length > BODY_LIMIT_BYTES && contentType !== "") expect([413, 415]).toContain(status);
        }
    await expectStillHealthy(s.url);
  });

  /** Hostile text in the typed fields of valid updates on every channel: each text and the three answers. */
  const sendHostileText = once(async () => {
    const pick = (fixtures: readonly unknown[], marker: string) =>
      fixtures.find((f) => JSON.stringify(f).includes(marker)) as unknown;
    const telegram = pick(FIXTURES.telegram, '"type":"private"');
    const whatsapp = pick(FIXTURES.whatsapp, '"type":"text"');
    const command = pick(FIXTURES.slack, '"command":"/ticket"');
    let salt = 1_000_000;
    const answered: { text: string; answers: number[] }[] = [];
    for (const text of HOSTILE_STRINGS) {
      salt += 1;
      const update = utf8(JSON.stringify(retexted(telegram, text, salt)));
      const hook = utf8(JSON.stringify(retexted(whatsapp, text, salt)));
      const form = utf8(
        new URLSearchParams(retexted(command, text, salt) as Record<string, string>).toString(),
      );
      const answers = [
        await send({
          method: "POST",
          path: "/telegram/webhook",
          headers: { ...JSON_TYPE, ...telegramHeaders("valid") },
          body: update,
        }),
        await send({
          method: "POST",
          path: "/whatsapp/webhook",
          headers: { ...JSON_TYPE, ...whatsappHeaders("valid", hook) },
          body: hook,
        }),
        await send({
          method: "POST",
          path: "/slack/events",
          headers: { ...FORM_TYPE, ...slackHeaders("valid", form) },
          body: form,
        }),
      ];
      answered.push({ text, answers });
    }
    return answered;
  });

  it("SQL, markup and unicode edge text in the typed fields of valid updates is handled on every channel", async () => {
    for (const { text, answers } of await sendHostileText())
      expect(answers, JSON.stringify(text)).toEqual([200, 200, 200]);
    await expectStillHealthy(s.url);
  });

  it("the service kept answering and the database holds no partial rows", async () => {
    // The hostile text above, sent here when this test runs first: it is what reaches the dialogue.
    await sendHostileText();
    await expectStillHealthy(s.url);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    const prisma = s.service.core.db!.prisma;
    expect(await count(prisma, "SELECT count(*) AS n FROM ticket")).toBeGreaterThan(0);
    // Hostile text in otherwise valid updates reached the dialogue, not only the parsers in front of it.
    expect(await channelsWithContacts(prisma)).toEqual(
      expect.arrayContaining(["TELEGRAM", "WHATSAPP", "SLACK"]),
    );
    expect(await partialRows(prisma)).toEqual({
      ticketsWithoutOpeningMessage: 0,
      eventsWithoutTicket: 0,
      attachmentsWithoutEvent: 0,
      outboxItemsWithoutTicket: 0,
      ticketsWithoutRequester: 0,
    });
  });
});
