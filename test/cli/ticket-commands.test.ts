import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/app/cli/main.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

const cli = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

const json = async (argv: string[], env: Record<string, string>) => {
  const result = await cli([...argv, "--json"], env);
  expect(result.err).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.out);
};

describe("ticket CLI arguments", () => {
  it.each([
    [["show"], "missing ticket id"],
    [["status", "TKT-000001"], "missing value"],
    [["list", "--status", "pending"], 'unknown status "pending"'],
    [["list", "--from", "yesterday"], "--from: expected a date"],
    [["create", "--contact", "fax:1"], "channel must be one of"],
    [["list", "--bogus"], "unknown option --bogus"],
  ])("refuses %j with usage (exit 2)", async (argv, message) => {
    const result = await cli(argv, { DATA_DIR: "/nonexistent", DEFAULT_LANGUAGE: "en" });
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it("names the bad variable when the configuration is wrong", async () => {
    const result = await cli(["stats"], { DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(2);
    expect(result.err).toContain("DATABASE_URL: expected a URL starting with postgres:// or postgresql://");
  });
});

describe("ticket CLI on the embedded database", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "chamado-cli-"));
    expect(await runCli(["migrate"], { out: () => {}, err: () => {} }, { DATA_DIR: dataDir })).toBe(0);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("never starts an empty database unasked, and says how to make one", async () => {
    const empty = await mkdtemp(join(tmpdir(), "chamado-cli-empty-"));
    const refused = await cli(["list"], { DATA_DIR: empty, DEFAULT_LANGUAGE: "en" });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`no chamado database in ${empty} and no service serving one there`);
    const recusado = await cli(["list"], { DATA_DIR: empty });
    expect(recusado.code).toBe(2);
    expect(recusado.err).toContain(
      `nenhum banco de dados do chamado em ${empty}, e nenhum serviço atendendo`,
    );
    expect(recusado.err).toContain("npm run --silent cli -- migrate");
    expect(existsSync(join(empty, "pglite"))).toBe(false);
    const notes: string[] = [];
    const made = await runCli(
      ["migrate"],
      { out: () => {}, err: () => {}, note: (t) => notes.push(t) },
      { DATA_DIR: empty },
    );
    expect(made).toBe(0);
    expect(notes).toContain(`using the embedded database in ${empty} directly (no service is running there)`);
    await rm(empty, { recursive: true, force: true });
  });

  it("creates, replies, changes status, lists, searches and counts", async () => {
    const env = { DATA_DIR: dataDir };
    const created = await json(
      [
        "create",
        "--subject",
        "Nota fiscal rejeitada",
        "--department",
        "sales",
        "--priority",
        "high",
        "--type",
        "bug",
        "--message",
        "A SEFAZ recusou a nota 123",
      ],
      env,
    );
    expect(created).toMatchObject({ publicId: "TKT-000001", status: "NEW", channel: "CLI" });
    expect(await json(["reply", "TKT-000001", "--message", "Reenviamos a nota"], env)).toMatchObject({
      publicStatus: "ANSWERED",
    });
    expect(await json(["status", "1", "solved"], env)).toMatchObject({ status: "SOLVED" });
    expect(
      (await json(["list", "--status", "closed"], env)).items.map((t: { publicId: string }) => t.publicId),
    ).toEqual(["TKT-000001"]);
    expect((await json(["search", "sefaz"], env)).items).toHaveLength(1);
    expect(await json(["stats"], env)).toMatchObject({ total: 1, closed: 1, byDepartment: { sales: 1 } });
    const detail = await json(["show", "TKT-000001"], env);
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
      "MESSAGE",
      "MESSAGE",
      "STATUS_CHANGED",
      "STATUS_CHANGED",
    ]);
  });

  it("explains a refused change on stderr with exit 1", async () => {
    // Its own ticket, so it holds whichever test ran before it.
    const env = { DATA_DIR: dataDir };
    const made = await json(
      [
        "create",
        "--subject",
        "Cabo solto",
        "--department",
        "technical",
        "--priority",
        "low",
        "--type",
        "bug",
        "--message",
        "Caiu",
      ],
      env,
    );
    expect((await cli(["status", made.publicId, "solved"], env)).code).toBe(0);
    const result = await cli(["status", made.publicId, "ESCALATED"], env);
    expect(result.code).toBe(1);
    expect(result.err).toBe("Não é possível mudar o status de Resolvido para Com a equipe técnica.");
  });
});

describeWith({ pg: true }, "ticket CLI on PostgreSQL", () => {
  let db: PgTestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = (await createPgTestDatabase())!;
    // With Telegram configured, a reply typed in the CLI is queued for the requester's chat.
    env = {
      DATABASE_URL: db.url,
      TELEGRAM_BOT_TOKEN: "123456789:AAE_abcdefghijklmnopqrstuvwxyz012345",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
      DEFAULT_LANGUAGE: "en",
    };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("queues an agent's reply for the requester's channel, and writes nothing for invalid input", async () => {
    await json(
      [
        "create",
        "--contact",
        "telegram:4242",
        "--name",
        "Ana",
        "--org",
        "acme",
        "--subject",
        "VPN cai",
        "--department",
        "technical",
        "--priority",
        "medium",
        "--type",
        "incident",
        "--message",
        "Cai a cada hora",
      ],
      env,
    );
    await json(["reply", "TKT-000001", "--message", "Atualize o cliente VPN"], env);
    const invalid = await cli(
      [
        "create",
        "--subject",
        "ab",
        "--department",
        "technical",
        "--priority",
        "low",
        "--type",
        "bug",
        "--message",
        "x",
      ],
      env,
    );
    expect(invalid.code).toBe(1);
    expect(invalid.err).toBe("Subject: use at least 3 characters (you used 2).");

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const outbox = await client.query("SELECT channel::text, kind FROM outbox_item ORDER BY id");
      expect(outbox.rows).toEqual([{ channel: "TELEGRAM", kind: "agent_reply" }]);
      const tickets = await client.query("SELECT count(*)::int AS n FROM ticket");
      expect(tickets.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });
});
