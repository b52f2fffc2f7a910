import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

/** Text that tends to break renderers, parsers and naive byte/char arithmetic. */
export const UNICODE_EDGES: readonly string[] = [
  "\u202Eevil.exe\u202Dfdp.txt", // right-to-left override
  "مرحبا بالعالم שלום",
  "\u200B\u200B\u200B",
  "\uFEFFbom-first",
  "👩‍👩‍👧‍👦👨🏽‍💻🏳️‍🌈",
  "𝕳𝖊𝖑𝖑𝖔 𠜎𠜱𠝹 😀",
  "a\u0301\u0301\u0301\u0301\u0301",
  "\u0000nul\u0000",
  "\uD800", // a lone surrogate as a JS string (serialised by JSON.stringify as an escape)
  "\uDFFFtrailing",
  "line\r\nbreak\u2028sep\u2029",
  " ",
  "",
];

export const SQL_LOOKING: readonly string[] = [
  "'; DROP TABLE ticket; --",
  "1' OR '1'='1",
  '"; DELETE FROM ticket_event WHERE 1=1; --',
  "%' UNION SELECT secret_hash FROM api_key --",
  "\\'; SELECT pg_sleep(10); --",
  "$1::text",
];

export const MARKUP_LOOKING: readonly string[] = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<!channel> <!here> <@U0AGENT> <#C0AGENTS|agents>",
  "<b>bold</b><a href='tg://user?id=1'>x</a><pre><code class='language-js'>",
  "*bold* _italic_ `code` ```block``` [link](http://x) ~strike~ ||spoiler||",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-injection-looking text is the point.
  "{{7*7}} ${7*7} %s%n%x",
  "../../../../etc/passwd",
  "/start /ticket /help@bot",
];

export const HOSTILE_STRINGS: readonly string[] = [...UNICODE_EDGES, ...SQL_LOOKING, ...MARKUP_LOOKING];

/** Bytes that are not valid UTF-8: CESU-style encoded surrogates, overlongs, stray continuations. */
export const INVALID_UTF8: readonly Uint8Array[] = [
  Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // {"a":"<U+D800>"}
  Uint8Array.from([0xed, 0xbf, 0xbf]),
  Uint8Array.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]),
  Uint8Array.from([0x80, 0x80, 0xff, 0xfe]),
  Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM then {}
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );

const JSON_OPTIONS = { maxDepth: 4 } as const;

/** Any JSON value, with hostile strings mixed in. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.json(JSON_OPTIONS).map((text) => JSON.parse(text) as unknown),
    fc.anything({ ...JSON_OPTIONS, withNullPrototype: true }),
    fc.dictionary(hostileString(), fc.oneof(hostileString(), fc.integer(), fc.constant(null)), {
      maxKeys: 6,
    }),
  );

type Json = unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** Paths to every value inside a JSON document, root excluded. */
const pathsOf = (value: Json, prefix: readonly (string | number)[] = []): (string | number)[][] => {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
};

const withAt = (value: Json, path: readonly (string | number)[], change: (old: Json) => Json | undefined) => {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  const next = change(node[last]);
  if (next === undefined) delete node[last];
  else node[last] = next;
  return copy;
};

/** Every string in the document replaced with `text`, numbers kept: hostile text in every field. */
export const fillStrings = (value: Json, text: string): Json => {
  if (typeof value === "string") return text;
  if (Array.isArray(value)) return value.map((v) => fillStrings(v, text));
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillStrings(v, text)]));
  return value;
};

/** A valid fixture with a few of its values replaced, dropped or retyped. */
export const mutated = (fixtures: readonly Json[]): fc.Arbitrary<Json> =>
  fc
    .tuple(
      fc.constantFrom(...fixtures),
      fc.array(fc.tuple(fc.nat(), fc.oneof(anyJson(), hostileString(), fc.constant(undefined))), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([fixture, changes]) =>
      changes.reduce<Json>((doc, [at, replacement]) => {
        const paths = pathsOf(doc);
        if (paths.length === 0) return doc;
        return withAt(doc, paths[at % paths.length] as (string | number)[], () => replacement);
      }, fixture),
    );

/** A valid fixture with hostile text in every string field. */
export const hostileFilled = (fixtures: readonly Json[]): fc.Arbitrary<Json> =>
  fc
    .tuple(fc.constantFrom(...fixtures), hostileString())
    .map(([fixture, text]) => fillStrings(fixture, text));

/** Fields people type into; the rest of the fixture stays valid so the update reaches the dialogue. */
const TEXT_KEYS = new Set([
  "text",
  "caption",
  "body",
  "first_name",
  "last_name",
  "username",
  "name",
  "title",
  "data",
  "file_name",
  "user_name",
  "value",
]);
/** Ids platforms deduplicate on, renewed so each case is a new delivery rather than a repeat. */
const DELIVERY_IDS = new Set(["update_id", "message_id", "id", "event_id", "client_msg_id"]);

/** `value` as a new delivery (ids salted) with `text` in the fields people type into. */
export const retexted = (value: Json, text: string, salt: number, key = ""): Json => {
  if (typeof value === "string" && TEXT_KEYS.has(key)) return text;
  if (typeof value === "string" && DELIVERY_IDS.has(key)) return `${value}${salt}`;
  if (typeof value === "number" && DELIVERY_IDS.has(key)) return value + salt;
  if (Array.isArray(value)) return value.map((v) => retexted(v, text, salt));
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retexted(v, text, salt, k)]));
  return value;
};

/** A valid fixture, as a new delivery, with hostile text in the fields people type into. */
export const hostileText = (fixtures: readonly Json[]): fc.Arbitrary<Json> =>
  fc
    .tuple(fc.constantFrom(...fixtures), hostileString(), fc.integer({ min: 1, max: 2 ** 30 }))
    .map(([fixture, text, salt]) => retexted(fixture, text, salt));

/** Any of the above as the raw bytes of a request body, plus bytes that are no JSON at all. */
export const nonsenseBody = (fixtures: readonly Json[]): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 3, arbitrary: mutated(fixtures).map((doc) => utf8(JSON.stringify(doc) ?? "null")) },
    { weight: 3, arbitrary: hostileText(fixtures).map((doc) => utf8(JSON.stringify(doc))) },
    { weight: 1, arbitrary: hostileFilled(fixtures).map((doc) => utf8(JSON.stringify(doc))) },
    { weight: 2, arbitrary: anyJson().map((doc) => utf8(JSON.stringify(doc) ?? "null")) },
    { weight: 1, arbitrary: hostileString().map(utf8) },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_UTF8) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** `[[[ ... ]]]` and `{"a":{"a": ... }}` nested `depth` levels. */
export const deepJson = (depth: number): readonly Uint8Array[] => [
  utf8(`${"[".repeat(depth)}${"]".repeat(depth)}`),
  utf8(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  utf8(`{"update_id":1,"message":${'{"text":'.repeat(depth)}"x"${"}".repeat(depth)}}`),
];

const fixtureDir = join(import.meta.dirname, "../../fixtures");

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

const withoutSource = (doc: Record<string, unknown>): Json[] =>
  Object.entries(doc)
    .filter(([key]) => key !== "_source")
    .map(([, value]) => value);

export const FIXTURES = {
  telegram: withoutSource(readJson(join(fixtureDir, "telegram/updates.json"))),
  // Bolt posts to response_url on its own; a port fetch refuses to dial keeps the sweep off the internet.
  slack: withoutSource(
    JSON.parse(
      readFileSync(join(fixtureDir, "slack/payloads.json"), "utf8").replaceAll(
        "https://hooks.slack.com",
        "http://127.0.0.1:9",
      ),
    ) as Record<string, unknown>,
  ),
  whatsapp: readdirSync(join(fixtureDir, "whatsapp"))
    .filter((name) => name.endsWith(".json"))
    .map((name) => readJson(join(fixtureDir, "whatsapp", name)))
    .filter((doc) => doc.object === "whatsapp_business_account"),
} as const;
