import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/adapters/cli/registry.js";
import { runCli } from "../../src/app/cli/main.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

const cli = async (argv: string[], env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describe("CLI help", () => {
  it.each(commands.map((c) => c.name))("%s --help and help %s show its usage and examples", async (name) => {
    const viaFlag = await cli([name, "--help"], { DATA_DIR: "/nonexistent" });
    expect(viaFlag.code).toBe(0);
    expect(viaFlag.out).toContain(`usage: ${name}`);
    expect(viaFlag.out).toContain("examples:");
    expect(viaFlag.out).toContain(`npm run --silent cli -- ${name}`);
    expect(await cli(["help", name])).toEqual(viaFlag);
  });

  it("lists every command, and refuses help on an unknown one with exit 2", async () => {
    const all = await cli(["help"]);
    expect(all.code).toBe(0);
    for (const c of commands) expect(all.out).toContain(c.name);
    expect(all.out).toContain("exit codes: 0");
    const unknown = await cli(["help", "bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "bogus"');
  });
});

describeWith({ pg: true }, "CLI filters, references and listings on PostgreSQL", () => {
  let db: PgTestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = (await createPgTestDatabase())!;
    env = { DATABASE_URL: db.url, DEFAULT_LANGUAGE: "pt-BR", TIME_ZONE: "America/Sao_Paulo" };
    for (const [contact, org] of [
      ["telegram:100", "acme"],
      ["whatsapp:5511", "globex"],
    ] as const) {
      const made = await cli(
        [
          "create",
          "--contact",
          contact,
          "--name",
          `Pessoa ${contact}`,
          "--org",
          org,
          "--subject",
          `Pedido ${org}`,
          "--department",
          "technical",
          "--priority",
          "low",
          "--type",
          "bug",
          "--message",
          "Detalhes do pedido",
        ],
        env,
      );
      expect(made.code).toBe(0);
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  const ids = async (argv: string[]) => {
    const result = await cli([...argv, "--json"], env);
    expect(result.err).toBe("");
    return JSON.parse(result.out).items.map((t: { subject: string }) => t.subject);
  };

  it("takes organization keys and contact references where ids were wanted", async () => {
    expect(await ids(["list", "--org", "acme"])).toEqual(["Pedido acme"]);
    expect(await ids(["list", "--requester", "whatsapp:5511"])).toEqual(["Pedido globex"]);
    const stats = await cli(["stats", "--org", "globex", "--json"], env);
    expect(JSON.parse(stats.out)).toMatchObject({ total: 1 });
  });

  it("refuses unknown filter values with exit 2, naming the valid ones", async () => {
    const cases: [string[], string][] = [
      [
        ["list", "--department", "finance"],
        '--department: unknown value "finance" (one of technical, sales, general)',
      ],
      [
        ["list", "--type", "question"],
        '--type: unknown value "question" (one of support, incident, bug, improvement)',
      ],
      [["list", "--org", "nobody"], '--org: no organization "nobody" (list them with: orgs)'],
      [["list", "--requester", "telegram:999"], "--requester: no contact telegram:999"],
      [["list", "--requester", "fax"], "--requester: expected CHANNEL:ID"],
      [["stats", "--org", "nobody"], 'no organization "nobody"'],
      [["status", "TKT-000001", "done"], 'unknown status "done" (one of new, in_progress'],
      [["priority", "TKT-000001", "urgent"], 'unknown priority "urgent" (one of low, medium, high)'],
      [["list", "--lang", "fr"], "--lang: expected one of pt-BR, en"],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(argv, env);
      expect([argv, result.code]).toEqual([argv, 2]);
      expect(result.err).toContain(message);
    }
  });

  it("lists organizations and contacts", async () => {
    const orgs = await cli(["orgs"], env);
    expect(orgs.out.split("\n").map((l) => l.split(/\s+/)[0])).toEqual(["acme", "globex"]);
    const contacts = await cli(["contacts", "--org", "acme", "--json"], env);
    expect(JSON.parse(contacts.out)).toEqual([
      expect.objectContaining({
        ref: "telegram:100",
        organization: "acme",
        displayName: "Pessoa telegram:100",
      }),
    ]);
  });

  it("shows times in TIME_ZONE with their offset, and one language per run", async () => {
    const pt = await cli(["show", "TKT-000001"], env);
    expect(pt.out).toMatch(/criado: {6}\d{4}-\d{2}-\d{2} \d{2}:\d{2} -03:00/);
    expect(pt.out).toContain("prioridade:  Baixa    departamento: technical    tipo: bug");
    expect(pt.out).toContain("histórico:");
    expect(pt.out).not.toMatch(/priority|history|created/);
    const en = await cli(["show", "TKT-000001", "--lang", "en", "--json"], { ...env, TIME_ZONE: "UTC" });
    expect(en.code).toBe(0);
    const utc = await cli(["show", "TKT-000001", "--lang", "en"], { ...env, TIME_ZONE: "UTC" });
    expect(utc.out).toMatch(/created: {5}\d{4}-\d{2}-\d{2} \d{2}:\d{2} \+00:00/);
    expect(utc.out).toContain("priority:    Low    department: technical    type: bug");
    expect(utc.out).not.toMatch(/prioridade|histórico/);
  });
});
