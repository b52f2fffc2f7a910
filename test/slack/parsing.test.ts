import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAgentAccess } from "../../src/adapters/slack/access.js";
import { parseTicketCommand } from "../../src/adapters/slack/commands.js";
import { slackCatalogues } from "../../src/adapters/slack/i18n/index.js";
import { parseInviteCommand } from "../../src/adapters/slack/invite-command.js";
import { pickInTurn } from "../../src/adapters/slack/round-robin.js";
import { plainFromSlack } from "../../src/adapters/slack/text.js";
import { signatureOf, verifySlackSignature } from "../../src/adapters/slack/verify.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW = new Date("2026-03-02T12:00:00Z");
const nowSeconds = String(NOW.getTime() / 1000);

describe("Slack request signatures (v0 HMAC over the raw body, 5-minute window)", () => {
  const check = (body: Buffer, timestamp: string, signature: string | undefined, now = NOW) =>
    verifySlackSignature({ signingSecret: SECRET, timestamp, signature, rawBody: body, now });

  it("accepts any body signed with the secret, and refuses it once a single byte changes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), (bytes, at) => {
        const body = Buffer.from(bytes);
        const signature = signatureOf(SECRET, nowSeconds, body);
        expect(check(body, nowSeconds, signature).ok).toBe(true);
        const tampered = Buffer.from(body);
        tampered[at % tampered.length] = (tampered[at % tampered.length]! + 1) % 256;
        expect(check(tampered, nowSeconds, signature)).toEqual({ ok: false, error: "BAD_SIGNATURE" });
      }),
    );
  });

  it("refuses requests older or newer than five minutes, and missing headers", () => {
    const body = Buffer.from("token=x&text=");
    const old = String(NOW.getTime() / 1000 - 301);
    expect(check(body, old, signatureOf(SECRET, old, body))).toEqual({ ok: false, error: "STALE_TIMESTAMP" });
    const edge = String(NOW.getTime() / 1000 - 300);
    expect(check(body, edge, signatureOf(SECRET, edge, body)).ok).toBe(true);
    expect(check(body, nowSeconds, undefined)).toEqual({ ok: false, error: "MISSING_HEADERS" });
    expect(check(body, "soon", "v0=abc")).toEqual({ ok: false, error: "MISSING_HEADERS" });
    expect(check(body, nowSeconds, signatureOf("another-secret-0000", nowSeconds, body))).toEqual({
      ok: false,
      error: "BAD_SIGNATURE",
    });
  });
});

describe("/ticket text", () => {
  it("reads each subcommand, in English and Portuguese", () => {
    expect(parseTicketCommand("")).toEqual({ kind: "open" });
    expect(parseTicketCommand("  help ")).toEqual({ kind: "help" });
    expect(parseTicketCommand("ajuda")).toEqual({ kind: "help" });
    expect(parseTicketCommand("list")).toEqual({ kind: "list", filter: "all" });
    expect(parseTicketCommand("list Answered")).toEqual({ kind: "list", filter: "ANSWERED" });
    expect(parseTicketCommand("listar encerrados")).toEqual({ kind: "list", filter: "CLOSED" });
    const departments = [{ code: "technical", labels: { en: "Technical", "pt-BR": "Técnico" } }];
    expect(parseTicketCommand("list alta tecnico", departments)).toEqual({
      kind: "list",
      filter: "all",
      priority: "HIGH",
      department: "technical",
    });
    expect(parseTicketCommand("list Technical open LOW", departments)).toEqual({
      kind: "list",
      filter: "OPEN",
      priority: "LOW",
      department: "technical",
    });
    expect(parseTicketCommand("pesquisar nota  fiscal")).toEqual({ kind: "search", text: "nota  fiscal" });
    expect(parseTicketCommand("números")).toEqual({ kind: "numbers" });
    expect(parseTicketCommand("TKT-000123")).toEqual({ kind: "detail", ticket: 123 });
    expect(parseTicketCommand("#7")).toEqual({ kind: "detail", ticket: 7 });
    expect(parseTicketCommand("close tkt-12")).toEqual({ kind: "close", ticket: 12 });
    expect(parseTicketCommand("reply TKT-000001 two  spaces\nand a line")).toEqual({
      kind: "reply",
      ticket: 1,
      text: "two  spaces\nand a line",
    });
    for (const bad of [
      "list everything",
      "list high high",
      "search",
      "numbers please",
      "close",
      "close abc",
      "reply TKT-1",
      "reply abc hi",
      "TKT-1 extra",
      "hello",
    ]) {
      expect(parseTicketCommand(bad)).toEqual({ kind: "invalid" });
    }
  });

  it("help lists every subcommand, in each language, as the parser reads it", () => {
    for (const lang of ["en", "pt-BR"] as const) {
      const lines = slackCatalogues[lang].requester.help("/ticket").split("\n");
      const shown = lines
        .map((line) => /^\*\/ticket ?([^*]*)\*/.exec(line)?.[1])
        .filter((text) => text !== undefined);
      const kinds = shown.map((text) => {
        const invitation = parseInviteCommand(text);
        return invitation === null
          ? parseTicketCommand(text).kind
          : invitation === "usage"
            ? "invalid"
            : "invite";
      });
      expect(kinds, lang).toEqual([
        "open",
        "list",
        "search",
        "numbers",
        "detail",
        "reply",
        "close",
        "contact",
        "web",
        "invite",
      ]);
    }
  });

  it("never throws, and a reply keeps its text exactly", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => parseTicketCommand(text)).not.toThrow();
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.string({ minLength: 1, maxLength: 200 }),
        (n, body) => {
          // Outer whitespace is not part of a reply; everything between is kept.
          fc.pre(body.trim() !== "" && body === body.trim());
          expect(parseTicketCommand(`reply TKT-${String(n).padStart(6, "0")} ${body}`)).toEqual({
            kind: "reply",
            ticket: n,
            text: body,
          });
        },
      ),
    );
  });
});

describe("Slack text for other channels", () => {
  it("turns links, mentions and escapes into plain text", () => {
    expect(
      plainFromSlack(
        "See <https://x.io/a?b=1|the docs> &amp; <https://y.io>, cc <@U123> in <#C9|support> <!here> 1 &lt; 2",
      ),
    ).toBe("See the docs (https://x.io/a?b=1) & https://y.io, cc @U123 in #support @here 1 < 2");
  });
});

describe("round-robin", () => {
  it("spreads consecutive tickets evenly over the agents, whatever order Slack lists them in", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^U[A-Z0-9]{4}$/), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        (agents, start) => {
          const counts = new Map<string, number>();
          for (let n = start; n < start + agents.length * 3; n++) {
            const pick = pickInTurn(agents, n)!;
            counts.set(pick, (counts.get(pick) ?? 0) + 1);
            expect(pickInTurn([...agents].reverse(), n)).toBe(pick);
          }
          expect([...counts.values()]).toEqual(agents.map(() => 3));
        },
      ),
    );
    expect(pickInTurn([], 5)).toBeNull();
  });
});

describe("agents' membership", () => {
  it("asks Slack once a minute, not on every action", async () => {
    let calls = 0;
    let now = NOW.getTime();
    const client = {
      paginate: async function* () {
        calls += 1;
        yield { members: ["U1"] };
      },
    };
    const access = createAgentAccess({
      client: client as never,
      source: { kind: "channels", channels: ["C1"] },
      clock: { now: () => new Date(now) },
      logger: { warn: () => undefined } as never,
    });
    expect(await access.isAgent("U1")).toBe(true);
    expect(await access.isAgent("U2")).toBe(false);
    expect(calls).toBe(1);
    now += 61_000;
    expect(await access.isAgent("U1")).toBe(true);
    expect(calls).toBe(2);
  });
});
