import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createPrismaDirectory } from "../../src/adapters/storage/prisma/directory.js";
import { runCli } from "../../src/app/cli/main.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../testkit/pg-test-database.js";
import { describeWith } from "../support/pg-database-for-service.js";

const cli = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describeWith({ pg: true }, "CLI: invite, deactivate, activate", () => {
  let db: PgTestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = (await createPgTestDatabase())!;
    env = { DATABASE_URL: db.url, DEFAULT_LANGUAGE: "en" };
    expect((await cli(["migrate"], env)).code).toBe(0);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("deactivates a contact and activates it again, and says when there is no such contact", async () => {
    const database = await openDatabase({ databaseUrl: db.url, dataDir: "unused", migrateOnStart: false });
    try {
      await createPrismaDirectory(database.prisma).ensureContact({
        channel: "TELEGRAM",
        platformUserId: "4242",
        displayName: "Ana",
        organization: { key: "acme", name: "Acme" },
        registered: true,
      });
    } finally {
      await database.close();
    }
    const off = await cli(["deactivate", "telegram:4242"], env);
    expect(off).toMatchObject({ code: 0, out: "telegram:4242 (Ana) is deactivated" });
    const on = await cli(["activate", "telegram:4242", "--json"], env);
    expect(JSON.parse(on.out)).toMatchObject({ platformUserId: "4242", deactivatedAt: null });
    expect(await cli(["deactivate", "telegram:9999"], env)).toMatchObject({
      code: 1,
      err: "no such contact",
    });
    expect((await cli(["deactivate", "nobody"], env)).code).toBe(2);
  });

  it("refuses an invitation with a bad name or channel, in the CLI's words, storing nothing", async () => {
    const control = await cli(
      ["invite", "--channel", "telegram", "--name", "Ana\u0000", "--org", "acme"],
      env,
    );
    expect(control.code).toBe(1);
    expect(control.err).toContain("U+0000");
    const fax = await cli(["invite", "--channel", "fax", "--name", "Ana", "--org", "acme"], env);
    expect(fax.code).toBe(1);
    // Neither Telegram nor WhatsApp runs here.
    const telegram = await cli(["invite", "--channel", "telegram", "--name", "Ana", "--org", "acme"], env);
    expect(telegram.code).toBe(1);
    const database = await openDatabase({ databaseUrl: db.url, dataDir: "unused", migrateOnStart: false });
    try {
      expect(await database.prisma.invitation.count()).toBe(0);
    } finally {
      await database.close();
    }
  });
});
