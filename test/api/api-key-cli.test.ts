import { afterAll, beforeAll, expect, it } from "vitest";
import { hashApiSecret } from "../../src/adapters/api/api-key-secret.js";
import { testEnv } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";
import { cli } from "./support.js";

describeWith({ pg: true }, "api-key CLI", () => {
  let db: ThrowawayDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    env = await testEnv({ DATABASE_URL: db.url, DEFAULT_LANGUAGE: "en" });
    await db.db.prisma.organization.create({
      data: { id: "0b6f1a8e-2c55-4a8e-9a3e-7f1d2c3b4a5e", key: "acme", name: "Acme" },
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("prints the secret once at creation and stores only its SHA-256", async () => {
    const made = await cli(["api-key", "create", "--name", "Acme portal", "--org", "acme"], env);
    expect(made.code).toBe(0);
    const secret = made.out.trim().split("\n").at(-1)!;
    expect(secret).toMatch(/^chd_[A-Za-z0-9_-]{43}$/);
    expect(made.out).toContain("org acme");
    const row = await db.db.prisma.apiKey.findFirstOrThrow({ where: { name: "Acme portal" } });
    expect(row).toMatchObject({
      secretHash: hashApiSecret(secret),
      role: "org_admin",
      organizationId: "0b6f1a8e-2c55-4a8e-9a3e-7f1d2c3b4a5e",
    });
    const listed = await cli(["api-key", "list", "--json"], env);
    expect(JSON.parse(listed.out)).toMatchObject([
      { name: "Acme portal", role: "org_admin", organization: { key: "acme" }, revokedAt: null },
    ]);
    expect(listed.out).not.toContain(secret);
    expect(listed.out).not.toContain(row.secretHash);
  });

  it("makes keys for all organizations with the agent role", async () => {
    const made = JSON.parse(
      (await cli(["api-key", "create", "--name", "panel", "--all", "--json"], env)).out,
    );
    expect(made).toMatchObject({ role: "agent", organization: null, secret: expect.stringMatching(/^chd_/) });
  });

  it("refuses wrong usage with exit code 2, and unknown organizations or keys with 1", async () => {
    expect((await cli(["api-key", "create", "--org", "acme"], env)).code).toBe(2);
    expect((await cli(["api-key", "create", "--name", "x", "--org", "acme", "--all"], env)).code).toBe(2);
    expect((await cli(["api-key", "create", "--name", "x"], env)).code).toBe(2);
    expect((await cli(["api-key", "rotate"], env)).code).toBe(2);
    expect((await cli(["api-key", "revoke", "not-an-id"], env)).code).toBe(2);
    const unknownOrg = await cli(["api-key", "create", "--name", "x", "--org", "nowhere"], env);
    expect(unknownOrg).toMatchObject({ code: 1, err: 'no organization has the key "nowhere"' });
    // One language per run: the same refusals in Portuguese, usage error included.
    const inPortuguese = await cli(
      ["api-key", "create", "--name", "x", "--org", "nowhere", "--lang", "pt-BR"],
      env,
    );
    expect(inPortuguese).toMatchObject({ code: 1, err: 'nenhuma organização tem a chave "nowhere"' });
    const usage = await cli(["api-key", "create", "--name", "x", "--lang", "pt-BR"], env);
    expect(usage.err).toContain("informe exatamente um de --org CHAVE, --all ou --admin");
    expect((await cli(["api-key", "revoke", "6f1e7a52-4a41-4c1b-9f0e-3c5b2a1d0e9f"], env)).code).toBe(1);
    expect(await db.db.prisma.apiKey.count({ where: { name: "x" } })).toBe(0);
  });
});
