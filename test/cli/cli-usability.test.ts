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
    const en = { DATA_DIR: "/nonexistent", DEFAULT_LANGUAGE: "en" };
    const viaFlag = await cli([name, "--help"], en);
    expect(viaFlag.code).toBe(0);
    expect(viaFlag.out).toContain(`usage: ${name}`);
    expect(viaFlag.out).toContain("examples:");
    expect(viaFlag.out).toContain(`npm run --silent cli -- ${name}`);
    expect(await cli(["help", name], en)).toEqual(viaFlag);
    const pt = await cli([name, "--help"], { DATA_DIR: "/nonexistent" });
    expect(pt.code).toBe(0);
    expect(pt.out).toContain(`uso: ${name}`);
    expect(pt.out).toContain("exemplos:");
    expect(await cli(["help", name])).toEqual(pt);
  });

  it("lists every command, and refuses help on an unknown one with exit 2", async () => {
    const all = await cli(["help", "--lang", "en"]);
    expect(all.code).toBe(0);
    for (const c of commands) expect(all.out).toContain(c.name);
    expect(all.out).toContain("exit codes: 0");
    const unknown = await cli(["help", "bogus", "--lang", "en"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "bogus"');
    const desconhecido = await cli(["help", "bogus"]);
    expect(desconhecido.code).toBe(2);
    expect(desconhecido.err).toContain('comando desconhecido "bogus"');
  });
});

/** Every line of English the help has: its frame and each command's summary. */
const englishHelpWords = [
  "usage:",
  "examples:",
  "options of every command",
  "machine-readable",
  "the agent acting",
  "language of this run",
  "this command's help",
  "before or after",
  "exit codes",
  "refused by the ticket rules",
  "(more:",
  "unknown",
  "expects a value",
  "takes no value",
  ...commands.map((c) => c.summary.en),
];

const portugueseHelpWords = [
  "uso:",
  "exemplos:",
  "opções de todos os comandos",
  "idioma desta execução",
  "códigos de saída",
  "(mais:",
  "desconhecid",
  "precisa de um valor",
  "não aceita valor",
  ...commands.map((c) => c.summary["pt-BR"]),
];

describe("CLI language: one per run, --lang or DEFAULT_LANGUAGE, before or after the command", () => {
  const pt = { DATA_DIR: "/nonexistent", DEFAULT_LANGUAGE: "pt-BR" };
  const en = { DATA_DIR: "/nonexistent", DEFAULT_LANGUAGE: "en" };

  it("has a summary in each language for every command", () => {
    for (const c of commands) {
      expect([c.name, c.summary.en.length > 0, c.summary["pt-BR"].length > 0]).toEqual([c.name, true, true]);
      expect([c.name, c.summary["pt-BR"]]).not.toEqual([c.name, c.summary.en]);
    }
  });

  it("helps in Portuguese by default, with no line of the English help", async () => {
    const runs = [
      await cli(["--help"], pt),
      await cli(["help"], pt),
      await cli([], pt),
      ...(await Promise.all(commands.map((c) => cli([c.name, "--help"], pt)))),
      await cli(["bogus"], pt),
      await cli(["show"], pt),
      await cli(["list", "--foo"], pt),
      await cli(["list", "--status"], pt),
      await cli(["list", "--json=yes"], pt),
    ];
    const overview = runs[0]!.out;
    expect(overview).toContain("uso: npm run --silent cli -- <comando> [opções]");
    expect(overview).toContain("opções de todos os comandos:");
    expect(overview).toContain("códigos de saída: 0 concluído, 1 recusado");
    for (const c of commands) expect(overview).toContain(c.summary["pt-BR"]);
    for (const run of runs)
      for (const line of `${run.out}\n${run.err}`.split("\n"))
        for (const word of englishHelpWords)
          expect([line, word, line.includes(word)]).toEqual([line, word, false]);
  });

  it("helps in English with --lang en, given before or after the command, or DEFAULT_LANGUAGE=en", async () => {
    for (const [argv, env] of [
      [["--lang", "en", "--help"], pt],
      [["--lang=en", "help", "list"], pt],
      [["help", "list", "--lang", "en"], pt],
      [["list", "--help", "--lang", "en"], pt],
      [["--lang", "en", "list", "--help"], pt],
      [["list", "--help"], en],
    ] as const) {
      const run = await cli([...argv], env);
      expect([argv, run.code]).toEqual([argv, 0]);
      expect(run.out).toMatch(/^(list: list tickets with filters|usage: npm run)/);
      for (const line of run.out.split("\n"))
        for (const word of portugueseHelpWords)
          expect([line, word, line.includes(word)]).toEqual([line, word, false]);
    }
  });

  it("refuses arguments in the run's language, with the usage and exit code 2", async () => {
    const cases: [string[], string, string][] = [
      [["show"], "falta o número do chamado", "missing ticket id"],
      [["list", "--foo"], "opção desconhecida --foo", "unknown option --foo"],
      [["list", "-x"], "opção desconhecida -x", "unknown option -x"],
      [["list", "--status"], "--status precisa de um valor", "--status expects a value"],
      [["list", "--status", "--json"], "--status precisa de um valor", "--status expects a value"],
      [["show", "1", "--json=yes"], "--json não aceita valor", "--json takes no value"],
      [
        ["list", "--status", "bogus"],
        '--status: status desconhecido "bogus" (use open, answered, closed ou NEW,',
        '--status: unknown status "bogus" (open, answered, closed or NEW,',
      ],
      [
        ["list", "--limit", "0"],
        "--limit: use um número de 1 a 200",
        "--limit: expected a number from 1 to 200",
      ],
      [["erase", "--contact", "telegram:1"], "acrescente --yes para confirmar", "add --yes to confirm"],
      [["export"], "informe só um destes: --contact", "give exactly one of --contact"],
      [["audit", "--door", "fax"], "--door: use um destes: cli, api", "--door: expected one of cli, api"],
      [["web-link", "--as", "robot"], "--as deve ser agent ou admin", "--as must be agent or admin"],
      [["saved-reply", "bogus"], "use list, set, delete", "expected list, set, delete"],
    ];
    for (const [argv, portuguese, english] of cases) {
      const command = argv[0]!;
      const inPortuguese = await cli(argv, pt);
      expect([argv, inPortuguese.code]).toEqual([argv, 2]);
      expect(inPortuguese.err).toContain(portuguese);
      expect(inPortuguese.err).toContain(`\nuso: ${command}`);
      expect(inPortuguese.err).toContain(`(mais: npm run --silent cli -- help ${command})`);
      expect(inPortuguese.err).not.toMatch(/To specify a positional|argument missing|Unknown option/);
      // --lang en after the command, before it, or DEFAULT_LANGUAGE=en.
      for (const [run, env] of [
        [[...argv, "--lang", "en"], pt],
        [["--lang", "en", ...argv], pt],
        [argv, en],
      ] as const) {
        const inEnglish = await cli([...run], env);
        expect([run, inEnglish.code]).toEqual([run, 2]);
        expect(inEnglish.err).toContain(english);
        expect(inEnglish.err).toContain(`\nusage: ${command}`);
        expect(inEnglish.err).toContain(`(more: npm run --silent cli -- help ${command})`);
        expect(inEnglish.err).not.toMatch(/uso:|mais:|desconhecid|precisa/);
      }
    }
  });

  it("names an unknown command in the run's language, with the overview", async () => {
    const pt1 = await cli(["bogus"], pt);
    expect(pt1.code).toBe(2);
    expect(pt1.err).toMatch(/^comando desconhecido "bogus"\n\nuso: /);
    const en1 = await cli(["--lang", "en", "bogus"], pt);
    expect(en1.code).toBe(2);
    expect(en1.err).toMatch(/^unknown command "bogus"\n\nusage: /);
    expect((await cli(["bogus", "--lang", "en"], pt)).err).toMatch(/^unknown command "bogus"/);
  });

  it("refuses a bad --lang in DEFAULT_LANGUAGE, naming the languages", async () => {
    for (const argv of [
      ["list", "--lang", "xx"],
      ["--lang", "xx", "list"],
      ["--lang=fr", "show", "1"],
      ["help", "--lang", "xx"],
    ]) {
      const inPortuguese = await cli(argv, pt);
      expect([argv, inPortuguese.code]).toEqual([argv, 2]);
      expect(inPortuguese.err).toContain("--lang: use um destes: pt-BR, en");
      const inEnglish = await cli(argv, en);
      expect([argv, inEnglish.code]).toEqual([argv, 2]);
      expect(inEnglish.err).toContain("--lang: expected one of pt-BR, en");
    }
    // Said in DEFAULT_LANGUAGE, not in a language given before it.
    const after = await cli(["--lang", "en", "list", "--lang", "xx"], pt);
    expect(after.err).toContain("--lang: use um destes: pt-BR, en\nuso: list");
    const missing = await cli(["--lang"], pt);
    expect(missing).toMatchObject({ code: 2, err: "--lang precisa de um valor" });
  });

  it("takes --json, --lang and --as before the command as after it", async () => {
    // Refused before any database is opened, in the language given first.
    const before = await cli(["--json", "--as", "Ana Souza", "--lang", "en", "show"], pt);
    expect(before.err).toContain("missing ticket id\nusage: show TICKET");
    const badAgent = await cli(["--as", "x".repeat(101), "--lang", "en", "list"], pt);
    expect(badAgent.code).toBe(2);
    expect(badAgent.err).toContain("--as: expected an agent name");
    const apelido = await cli(["--as", "x".repeat(101), "list"], pt);
    expect(apelido.err).toContain("--as: use o nome de um agente");
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

  it("refuses unknown filter values with exit 2, naming the valid ones, in the run's language", async () => {
    const cases: [string[], string, string][] = [
      [
        ["list", "--department", "finance"],
        '--department: valor desconhecido "finance" (use um destes: technical, sales, general)',
        '--department: unknown value "finance" (one of technical, sales, general)',
      ],
      [
        ["list", "--type", "question"],
        '--type: valor desconhecido "question" (use um destes: support, incident, bug, improvement)',
        '--type: unknown value "question" (one of support, incident, bug, improvement)',
      ],
      [
        ["list", "--org", "nobody"],
        '--org: nenhuma organização com a chave "nobody" (veja as existentes com: orgs)',
        '--org: no organization "nobody" (list them with: orgs)',
      ],
      [
        ["list", "--requester", "telegram:999"],
        "--requester: nenhum contato telegram:999",
        "--requester: no contact telegram:999",
      ],
      [["list", "--requester", "fax"], "--requester: use CANAL:ID", "--requester: expected CHANNEL:ID"],
      [["stats", "--org", "nobody"], 'nenhuma organização com a chave "nobody"', 'no organization "nobody"'],
      [
        ["status", "TKT-000001", "done"],
        'status: valor desconhecido "done" (use um destes: new, in_progress',
        'unknown status "done" (one of new, in_progress',
      ],
      [
        ["priority", "TKT-000001", "urgent"],
        'prioridade: valor desconhecido "urgent" (use um destes: low, medium, high)',
        'unknown priority "urgent" (one of low, medium, high)',
      ],
      [
        ["list", "--cursor", "abc"],
        "--cursor: este cursor não foi dado",
        "--cursor: not a cursor this list gave out",
      ],
    ];
    for (const [argv, portuguese, english] of cases) {
      const result = await cli(argv, env);
      expect([argv, result.code]).toEqual([argv, 2]);
      expect(result.err).toContain(portuguese);
      expect(result.err).toContain(`uso: ${argv[0]}`);
      const inEnglish = await cli(["--lang", "en", ...argv], env);
      expect([argv, inEnglish.code]).toEqual([argv, 2]);
      expect(inEnglish.err).toContain(english);
      expect(inEnglish.err).toContain(`usage: ${argv[0]}`);
    }
  });

  it("takes --json, --lang and --as before the command as after it", async () => {
    const before = await cli(["--json", "--lang", "en", "list", "--org", "acme"], env);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out).items.map((t: { subject: string }) => t.subject)).toEqual(["Pedido acme"]);
    const replied = await cli(
      ["--as", "Ana Souza", "--lang", "en", "reply", "TKT-000001", "--message", "Olá"],
      env,
    );
    expect(replied.code).toBe(0);
    expect(replied.out).toMatch(/^replied TKT-000001/);
    const shown = await cli(["--lang=en", "show", "TKT-000001"], env);
    expect(shown.out).toContain("Ana Souza (agent): Olá");
    expect(shown.out).toContain("history:");
    const mostrado = await cli(["show", "TKT-000001"], env);
    expect(mostrado.out).toContain("Ana Souza (agente): Olá");
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
