import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { metaWebhooks, postWebhook } from "../../testkit/meta-webhooks.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { buildZip } from "../files/support/zip-writer.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { injectedMarkup, SLACK_WRITES } from "../support/slack-parsed-text.js";
import { utf8 } from "./support/hostile-inputs.js";
import { count, partialRows } from "./support/partial-rows.js";
import { LIST_KEYS, slackHeaders, telegramHeaders, whatsappHeaders } from "./support/routes.js";
import { expectStillHealthy, sendAndCheck } from "./support/send.js";
import { SECRETS, type SweepService, startSweepService } from "./support/sweep-service.js";

/**
 * Issue 14: what the first sweep missed. Every C0 control, DEL and C1, lone surrogates, overlong
 * UTF-8, tampered cursors and every query parameter, each platform's mention and link syntax, and
 * zips that lie or nest. Nothing may answer 5xx, nothing refused may leave a row, and nothing a
 * supplier types may reach Slack as a mention or a link.
 */
const SEED = Number(process.env.SWEEP_SEED ?? 0x5eed_0014);

const CONTROLS = [...Array(0x20).keys(), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i)]
  .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)
  .map((c) => String.fromCharCode(c));
const LONE_SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "ok\uD83D", "\uDE00ok"];
const UNSTORABLE = [
  ...CONTROLS.map((c) => `antes${c}depois`),
  ...LONE_SURROGATES.map((s) => `texto ${s} aqui`),
];

/** Overlong encodings of "<", "/", NUL and "'" inside a JSON string: not UTF-8 at all. */
const OVERLONG: readonly number[][] = [
  [0xc0, 0xbc],
  [0xe0, 0x80, 0xbc],
  [0xf0, 0x80, 0x80, 0xbc],
  [0xc0, 0xaf],
  [0xc0, 0x80],
  [0xe0, 0x80, 0xa7],
];

/** What each platform would read as a mention, a channel ping or a link. */
const MENTIONS = [
  "<!channel> <!here> <!everyone> <!subteam^S0AGENTS|@agents>",
  "<@U0AGENT> <#C0AGENTS|agents> <http://evil.example|your bank> <mailto:x@evil.example|x>",
  '<a href="tg://user?id=1">admin</a> [bank](http://evil.example) @chamado_bot',
  "*urgent* _now_ ~no~ ```code``` @5511999999999 BEGIN:VCARD END:VCARD",
];

const MB = 1024 * 1024;
const LYING_ZIPS = {
  "claims 3 bytes, unpacks to 8 MB": buildZip([
    { name: "a.txt", data: new Uint8Array(8 * MB), method: "deflate", declaredUncompressedSize: 3 },
  ]),
  "claims 2 GB": buildZip([
    { name: "b.bin", data: new Uint8Array(64), declaredUncompressedSize: 2 * 1024 ** 3 },
  ]),
  "claims more than it holds": buildZip([{ name: "c.txt", data: "curto", declaredUncompressedSize: 5000 }]),
  "three levels deep": buildZip([
    {
      name: "1.zip",
      data: buildZip([{ name: "2.zip", data: buildZip([{ name: "3.txt", data: "fundo" }]) }]),
    },
  ]),
  "a gzip two levels deep": buildZip([
    { name: "1.zip", data: buildZip([{ name: "x.gz", data: gzipSync("oi") }]) },
  ]),
} as const;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const encode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
};

describeWith({ pg: true }, "hostile input sweep (issue 14)", () => {
  let s: SweepService;
  const json = (auth = true) => ({
    "content-type": "application/json",
    ...(auth ? { authorization: `Bearer ${s.apiKey}` } : {}),
  });
  const rows = async () => {
    const prisma = s.service.core.db!.prisma;
    const n = (table: string) => count(prisma, `SELECT count(*) AS n FROM ${table}`);
    return {
      tickets: await n("ticket"),
      events: await n("ticket_event"),
      attachments: await n("attachment"),
      contacts: await n("contact"),
      outbox: await n("outbox_item"),
      parked: await n("parked_file"),
    };
  };
  const filesOnDisk = async () => {
    const root = join(resolve(s.service.core.config.DATA_DIR), "files");
    const prefixes = await readdir(root).catch(() => [] as string[]);
    return (await Promise.all(prefixes.map((p) => readdir(join(root, p))))).flat().length;
  };
  const api = (method: string, path: string, body?: unknown) =>
    sendAndCheck(s.url, {
      method,
      path: `/api/v1${path}`,
      headers: json(),
      ...(body === undefined ? {} : { body: utf8(JSON.stringify(body)) }),
    });

  beforeAll(async () => {
    s = await startSweepService();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("REST: every control character and lone surrogate in every free-text field is a 400 that stores nothing", async () => {
    const before = await rows();
    const ticket = (patch: Record<string, unknown>) => ({
      subject: "Boleto vencido",
      department: "technical",
      priority: "LOW",
      type: "support",
      message: "Segue o boleto.",
      requester: { externalId: "h-1", name: "Hana", organizationKey: "acme" },
      ...patch,
    });
    const requester = (field: string, text: string) => ({
      requester: { externalId: "h-1", name: "Hana", organizationKey: "acme", [field]: text },
    });
    for (const text of UNSTORABLE) {
      const answers = [
        await api("POST", "/tickets", ticket({ subject: text })),
        await api("POST", "/tickets", ticket({ message: text })),
        await api("POST", "/tickets", ticket(requester("externalId", text))),
        await api("POST", "/tickets", ticket(requester("name", text))),
        await api("POST", "/tickets", ticket(requester("organizationKey", text))),
        await api("POST", `/tickets/${s.ticketRef}/replies`, { message: text }),
        await api("POST", `/tickets/${s.ticketRef}/replies`, { message: text, internal: true }),
        await api("PUT", `/tickets/${s.ticketRef}/assignee`, {
          assignee: { id: "slack:U0AGENT", name: text },
        }),
        await api("PUT", `/tickets/${s.ticketRef}/assignee`, { assignee: { id: text, name: "Carla" } }),
      ];
      expect(answers, JSON.stringify(text)).toEqual(Array(answers.length).fill(400));
    }
    expect(await rows()).toEqual(before);
  });

  it("REST: unstorable text in every query parameter and path is refused or matches nothing, never a 5xx", async () => {
    const before = await rows();
    const textual = new Set(["q", "assigneeId", "department", "type"]);
    for (const key of [...LIST_KEYS, "organizationId"])
      for (const text of UNSTORABLE) {
        const path = key === "organizationId" ? "/stats" : "/tickets";
        const status = await api("GET", `${path}?${key}=${encode(text)}`);
        if (textual.has(key) && !/[\uD800-\uDFFF]/.test(text))
          expect(status, `${key}=${JSON.stringify(text)}`).toBe(400);
        else expect(status, `${key}=${JSON.stringify(text)}`).toBeGreaterThanOrEqual(200);
      }
    for (const text of UNSTORABLE) await api("GET", `/tickets/${encode(text)}`);
    expect(await rows()).toEqual(before);
  });

  it("REST: tampered cursors answer 200 for a real position or 400, never a 5xx", async () => {
    const cursorJson = fc.record(
      {
        field: fc.constantFrom("createdAt", "updatedAt", "number", "priority", "x", ""),
        value: fc.oneof(
          fc.anything(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.integer(),
        ),
        number: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    const cursor = fc.oneof(
      cursorJson.map((c) => Buffer.from(JSON.stringify(c)).toString("base64url")),
      fc.string({ unit: "binary", maxLength: 60 }).map(encode),
      fc.base64String({ maxLength: 80 }).map(encode),
    );
    const sort = fc.constantFrom("created", "updated", "number", "priority");
    await fc.assert(
      fc.asyncProperty(cursor, sort, async (c, by) => {
        const status = await api("GET", `/tickets?sort=${by}&cursor=${c}`);
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 150, seed: SEED },
    );
  });

  it("every POST route: overlong UTF-8 in a signed or keyed body is a 400 that stores nothing", async () => {
    const before = await rows();
    for (const overlong of OVERLONG) {
      const within = (head: string, tail: string) =>
        new Uint8Array([...utf8(head), ...overlong, ...utf8(tail)]);
      const telegram = within(
        '{"update_id":77001,"message":{"message_id":1,"date":1767225600,"chat":{"id":77001,"type":"private"},"from":{"id":77001,"is_bot":false,"first_name":"O"},"text":"x',
        '"}}',
      );
      const whatsapp = within(
        '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}],"x":"',
        '"}',
      );
      const slack = within("command=%2Fticket&text=", "&user_id=U0REQUESTER");
      const rest = within(
        '{"subject":"Boleto vencido","department":"technical","priority":"LOW","type":"support","requester":{"externalId":"o-1","name":"O","organizationKey":"acme"},"message":"',
        '"}',
      );
      const answers = [
        await sendAndCheck(s.url, {
          method: "POST",
          path: "/telegram/webhook",
          headers: { "content-type": "application/json", ...telegramHeaders("valid") },
          body: telegram,
        }),
        await sendAndCheck(s.url, {
          method: "POST",
          path: "/whatsapp/webhook",
          headers: { "content-type": "application/json", ...whatsappHeaders("valid", whatsapp) },
          body: whatsapp,
        }),
        await sendAndCheck(s.url, {
          method: "POST",
          path: "/slack/events",
          headers: { "content-type": "application/x-www-form-urlencoded", ...slackHeaders("valid", slack) },
          body: slack,
        }),
        await sendAndCheck(s.url, { method: "POST", path: "/api/v1/tickets", headers: json(), body: rest }),
      ];
      expect(answers, JSON.stringify(overlong)).toEqual([400, 400, 400, 400]);
    }
    expect(await rows()).toEqual(before);
    await expectStillHealthy(s.url);
  });

  it("zips that lie about their sizes or nest too deep are refused with the reason, storing no row and no byte", async () => {
    const before = await rows();
    const files = await filesOnDisk();
    for (const [name, zip] of Object.entries(LYING_ZIPS)) {
      const response = await fetch(`${s.url}/api/v1/tickets`, {
        method: "POST",
        headers: json(),
        body: JSON.stringify({
          subject: "Pacote de notas",
          department: "technical",
          priority: "LOW",
          type: "support",
          message: "Seguem as notas.",
          requester: { externalId: "z-1", name: "Zeca", organizationKey: "acme" },
          attachments: [{ fileName: "notas.zip", contentBase64: base64(zip) }],
        }),
      });
      expect(response.status, name).toBe(422);
      expect(await response.json(), name).toMatchObject({ code: "ATTACHMENT_REJECTED" });
    }
    expect(await rows()).toEqual(before);
    expect(await filesOnDisk()).toBe(files);
  });

  it("a lying or nested zip sent in a Telegram flow is refused with the reason and parks nothing", async () => {
    const updates = createUpdates(940_000_001);
    const zoe: Person = { userId: 77_003, firstName: "Zoe", languageCode: "en", inGroup: false };
    const post = async (update: unknown) => {
      const response = await fetch(`${s.url}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...telegramHeaders("valid") },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(200);
    };
    for (const step of ["new", "Notas em zip", "technical", "low", "support", "Seguem as notas."])
      await post(updates.text(zoe, step));
    const files = await filesOnDisk();
    const seen = s.fakes.telegram.messages(zoe.userId).length;
    for (const zip of [LYING_ZIPS["claims 3 bytes, unpacks to 8 MB"], LYING_ZIPS["three levels deep"]])
      await post(updates.document(zoe, s.fakes.telegram.storeFile(zip), "notas.zip", "application/zip"));
    const answers = s.fakes.telegram
      .messages(zoe.userId)
      .slice(seen)
      .map((m) => m.text)
      .join("\n");
    // 8 MB is within the service's 100 MB: the lie itself refuses it.
    expect(answers).toContain("The file notas.zip is damaged");
    expect(answers).toContain("holds archives inside archives more than 2 levels deep");
    expect((await rows()).parked).toBe(0);
    expect(await filesOnDisk()).toBe(files);
    await post(updates.text(zoe, "cancel"));
  });

  it("mention and link syntax typed on Telegram and WhatsApp reaches Slack escaped, and the chats as plain text", async () => {
    const telegramUpdates = createUpdates(930_000_001);
    const nina: Person = { userId: 77_002, firstName: "<!channel> Nina", languageCode: "en", inGroup: false };
    const whatsapp = metaWebhooks(SECRETS.waPhoneId);
    const otto = { waId: "5511988887777", name: "<@U0AGENT> Otto" };
    const tg = async (text: string) => {
      const response = await fetch(`${s.url}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...telegramHeaders("valid") },
        body: JSON.stringify(telegramUpdates.text(nina, text)),
      });
      expect(response.status).toBe(200);
    };
    const wa = async (text: string) => {
      const response = await postWebhook(s.url, whatsapp.text(otto, new Date(), text).body, {
        appSecret: SECRETS.waApp,
      });
      expect(response.status).toBe(200);
    };
    const rootsBefore = s.fakes.slack.messages("C0AGENTS").length;
    for (const [i, send] of [tg, wa].entries()) {
      for (const step of [
        "new",
        MENTIONS[i * 2]!,
        "technical",
        "high",
        "incident",
        MENTIONS[i * 2 + 1]!,
        "skip",
        "confirm",
      ])
        await send(step);
    }
    // Up to the usual 90 s (was 20 s): the roots go out through the outbox, several Slack calls each.
    await waitFor(() => s.fakes.slack.messages("C0AGENTS").length >= rootsBefore + 2, "both roots in Slack");
    expect(s.fakes.slack.messages("C0AGENTS").length).toBeGreaterThanOrEqual(rootsBefore + 2);

    const slackCalls = SLACK_WRITES.flatMap((m) => s.fakes.slack.calls(m));
    expect(slackCalls.length).toBeGreaterThan(0);
    expect(injectedMarkup(slackCalls)).toEqual([]);
    for (const call of s.fakes.telegram.callsOf("sendMessage"))
      expect(call.params).not.toHaveProperty("parse_mode");
    const subjects = (await s.service.core.tickets.list({ limit: 50 })).items.map((t) => t.subject);
    expect(subjects).toEqual(expect.arrayContaining([MENTIONS[0], MENTIONS[2]]));
  });

  it("the service kept answering and the database holds no partial rows", async () => {
    await expectStillHealthy(s.url);
    expect(await partialRows(s.service.core.db!.prisma)).toEqual({
      ticketsWithoutOpeningMessage: 0,
      eventsWithoutTicket: 0,
      attachmentsWithoutEvent: 0,
      outboxItemsWithoutTicket: 0,
      ticketsWithoutRequester: 0,
    });
    expect((await rows()).parked).toBe(0);
  });
});
