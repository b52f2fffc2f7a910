import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../../src/app/cli/main.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

const cli = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describeWith({ pg: true }, "stats report in the CLI, on PostgreSQL", () => {
  let db: PgTestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = (await createPgTestDatabase())!;
    env = { DATABASE_URL: db.url, DEFAULT_LANGUAGE: "en" };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("adds time in status, ratings, SLA outcomes and the intake funnel to the counts, within a period", async () => {
    const create = await cli(
      [
        "create",
        "--contact",
        "telegram:5150",
        "--name",
        "Rita",
        "--org",
        "acme",
        "--subject",
        "VPN cai",
        "--department",
        "technical",
        "--priority",
        "high",
        "--type",
        "incident",
        "--message",
        "Cai a cada hora",
      ],
      env,
    );
    expect(create.code).toBe(0);
    expect((await cli(["reply", "TKT-000001", "--message", "Qual a versão?"], env)).code).toBe(0);
    expect((await cli(["status", "TKT-000001", "SOLVED"], env)).code).toBe(0);

    const today = new Date().toISOString().slice(0, 10);
    const asJson = await cli(["stats", "--from", today, "--to", today, "--json"], env);
    expect(asJson.err).toBe("");
    const body = JSON.parse(asJson.out);
    expect(body).toMatchObject({
      total: 1,
      report: {
        period: { from: `${today}T00:00:00.000Z` },
        sla: {
          firstResponse: { met: 1, breached: 0, running: 0 },
          resolution: { met: 1, breached: 0, running: 0 },
        },
        ratings: { count: 0, average: null },
        // Opened from the CLI, not through the chat intake.
        intake: { opened: 0 },
      },
    });
    const month = new Date().toISOString().slice(0, 7);
    expect(
      body.report.timeInStatus.map(
        (r: { department: string | null; period: string | null; status: string }) =>
          `${r.department ?? r.period}:${r.status}`,
      ),
    ).toEqual([
      "null:NEW",
      "null:WAITING_ON_REQUESTER",
      "technical:NEW",
      "technical:WAITING_ON_REQUESTER",
      `${month}:NEW`,
      `${month}:WAITING_ON_REQUESTER`,
    ]);

    const text = await cli(["stats"], env);
    expect(text.code).toBe(0);
    expect(text.out).toContain("time in status:");
    expect(text.out).toMatch(/first response\s+met 1 {3}breached 0 {3}running 0/);
    expect(text.out).toMatch(/subject\s+reached\s+0 {3}stopped 0/);
    const emPortugues = await cli(["stats", "--lang", "pt-BR"], env);
    expect(emPortugues.out).toContain("tempo em cada status:");
    expect(emPortugues.out).toContain("período: desde o início até agora");
    expect(emPortugues.out).toMatch(/primeira resposta\s+cumpridos 1 {3}estourados 0 {3}em andamento 0/);
    expect(emPortugues.out).toContain("base de conhecimento: sugeridos 0");
    expect(emPortugues.out).not.toMatch(/period|first response|breached|reached|knowledge base|never helped/);

    // Tickets created tomorrow: none.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const empty = JSON.parse((await cli(["stats", "--from", tomorrow, "--json"], env)).out);
    expect(empty.report.sla.firstResponse).toEqual({ met: 0, breached: 0, running: 0, averageMs: null });

    const bad = await cli(["stats", "--from", "yesterday"], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--from: expects a day (2026-03-31)");
    const backwards = await cli(["stats", "--from", today, "--to", "2020-01-01"], env);
    expect(backwards.code).toBe(1);
  });
});
