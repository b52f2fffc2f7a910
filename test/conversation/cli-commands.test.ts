import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/app/cli/main.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

const cli = async (argv: string[], env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    { DATA_DIR: "/nonexistent", DEFAULT_LANGUAGE: "en", ...env },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describe("conversation CLI arguments", () => {
  it.each([
    [["chat"], "--as"],
    [["chat", "--as", "ana"], "expected CHANNEL:ID"],
    [["chat", "--as", "fax:1"], "channel must be one of"],
    [["chat", "--as", "console:ana", "--lang", "fr"], "expected one of pt-BR, en"],
    [["register", "--contact", "telegram:1", "--org", "acme"], "--name is required"],
    [["register", "--contact", "telegram:1", "--name", "Ana", "--org", "a b"], "organization key"],
    [["link", "--contact", "telegram:1"], "--to"],
  ])("refuses %j with usage (exit 2)", async (argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain("usage:");
  });

  it("refuses in the run's language", async () => {
    const result = await cli(["register", "--contact", "fax:1", "--org", "acme", "--lang", "pt-BR"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("o canal deve ser um de");
    expect(result.err).toContain("--name é obrigatório");
  });
});

describeWith({ pg: true }, "register and link on PostgreSQL", () => {
  let db: PgTestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = (await createPgTestDatabase())!;
    env = { DATABASE_URL: db.url };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("registers contacts, refuses another organization and links two channels to one person", async () => {
    const admin = await cli(
      [
        "register",
        "--contact",
        "telegram:100",
        "--name",
        "Bia",
        "--org",
        "acme",
        "--org-name",
        "ACME",
        "--admin",
      ],
      env,
    );
    expect(admin).toMatchObject({
      code: 0,
      out: "registered telegram:100 (Bia) as organization admin of acme",
    });

    const again = await cli(["register", "--contact", "telegram:100", "--name", "Bia", "--org", "acme"], env);
    expect(again.code).toBe(0);

    const member = await cli(
      ["register", "--contact", "whatsapp:5511999", "--name", "Bia (WhatsApp)", "--org", "other", "--json"],
      env,
    );
    expect(member.code).toBe(0);
    const moved = await cli(
      ["register", "--contact", "whatsapp:5511999", "--name", "Bia", "--org", "acme"],
      env,
    );
    expect(moved.code).toBe(1);
    expect(moved.err).toContain('already belongs to organization "other"');

    const linked = await cli(
      ["link", "--contact", "whatsapp:5511999", "--to", "telegram:100", "--json"],
      env,
    );
    expect(linked.code).toBe(0);
    const [first, second] = [JSON.parse(member.out), JSON.parse(linked.out)];
    expect(second.person.name).toBe("Bia");
    expect(second.person.organizationId).not.toBe(first.person.organizationId);
    expect(second.person.role).toBe("ORG_ADMIN");

    const missing = await cli(["link", "--contact", "telegram:404", "--to", "telegram:100"], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no such contact (--contact)");
    const emPortugues = await cli(
      ["link", "--contact", "telegram:404", "--to", "telegram:100", "--lang", "pt-BR"],
      env,
    );
    expect(emPortugues.err).toContain("contato não encontrado (--contact)");
  });
});
