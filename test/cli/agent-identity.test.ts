import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAgent } from "../../src/adapters/cli/cli-agent.js";
import { terminalSafe } from "../../src/adapters/cli/terminal-text.js";
import { runCli } from "../../src/app/cli/main.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

// What the terminal would act on, other than tab and newline.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters the test looks for
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

const cli = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describe("the agent at the terminal", () => {
  it("is the name given with --as, else AGENT_NAME, else the support team; never the OS login", () => {
    expect(cliAgent("Ana Souza", "Bruno", "en")).toEqual({
      kind: "agent",
      id: "cli:ana souza",
      name: "Ana Souza",
    });
    expect(cliAgent(undefined, "Bruno Lima", "en").name).toBe("Bruno Lima");
    expect(cliAgent(undefined, undefined, "pt-BR").name).toBe("Suporte");
    expect(cliAgent(undefined, undefined, "en").name).toBe("Support");
  });

  it("refuses a name with control characters", () => {
    expect(() => cliAgent("Ana\u001b[31m", undefined, "en")).toThrow(/--as/);
  });
});

describe("terminal output", () => {
  it("escapes controls, ANSI sequences, C1 and bidi overrides; keeps tabs, newlines and emoji", () => {
    expect(terminalSafe("a\u0007b\u001b[31mred\u009b\u202eevil\tok\n😀 \ud800!")).toBe(
      "a\\u0007b\\u001b[31mred\\u009b\\u202eevil\tok\n😀 \\ud800!",
    );
  });

  it("keeps JSON parseable", () => {
    const json = terminalSafe(JSON.stringify({ subject: "x\u0085\u202ey" }));
    expect(JSON.parse(json)).toEqual({ subject: "x\u0085\u202ey" });
  });
});

describeWith({ pg: true }, "CLI replies and output on PostgreSQL", () => {
  let db: PgTestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = (await createPgTestDatabase())!;
    env = { DATABASE_URL: db.url, DEFAULT_LANGUAGE: "en", AGENT_NAME: "Bruno Lima" };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("records the named agent on replies and shows supplier text escaped in list and show", async () => {
    const created = await cli(
      [
        "create",
        "--contact",
        "console:ana",
        "--name",
        "Ana\u0007",
        "--subject",
        "Printer \u001b[31mred\u001b[0m",
        "--department",
        "technical",
        "--priority",
        "low",
        "--type",
        "bug",
        "--message",
        "It beeps",
      ],
      env,
    );
    // The text rule refuses a control character in the subject: nothing stored, exit 1.
    expect(created.code).toBe(1);
    expect(created.err).toContain("U+001B");

    const ok = await cli(
      [
        "create",
        "--contact",
        "console:ana",
        "--name",
        "Ana",
        "--subject",
        "Printer jam",
        "--department",
        "technical",
        "--priority",
        "low",
        "--type",
        "bug",
        "--message",
        "It beeps",
      ],
      env,
    );
    expect(ok.code).toBe(0);
    // Text stored before the text rule, or by hand in SQL, still reaches the terminal escaped.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query("UPDATE ticket SET subject = $1", ["Printer \u0007\u001b[31mred\u001b[0m \u202eevil"]);
    await client.end();
    const listed = await cli(["list"], env);
    expect(listed.out).toContain("Printer \\u0007\\u001b[31mred\\u001b[0m \\u202eevil");
    expect(listed.out).not.toMatch(RAW_CONTROL);
    const asJson = await cli(["list", "--json"], env);
    expect(JSON.parse(asJson.out).items[0].subject).toBe("Printer \u0007\u001b[31mred\u001b[0m \u202eevil");
    expect(asJson.out).not.toMatch(RAW_CONTROL);

    expect((await cli(["reply", "TKT-000001", "--message", "On it", "--as", "Ana Souza"], env)).code).toBe(0);
    expect((await cli(["reply", "TKT-000001", "--message", "Fixed"], env)).code).toBe(0);
    const shown = await cli(["show", "TKT-000001"], env);
    expect(shown.out).toContain("Ana Souza (agent): On it");
    expect(shown.out).toContain("Bruno Lima (agent): Fixed");
    expect(shown.out).not.toMatch(RAW_CONTROL);
  });
});
