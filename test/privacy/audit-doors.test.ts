import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import { cli, client, createKey } from "../api/support.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";
import { unzip } from "./privacy-suite.js";

describeWith({ pg: true }, "audit log through the CLI and the API", () => {
  let db: ThrowawayDatabase;
  let env: Record<string, string>;
  let service: RunningService;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    env = await testEnv({ DATABASE_URL: db.url });
    service = await startService(await testConfig(env), {
      port: 0,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
    });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("records keys made and revoked, contacts registered and linked, and reads them back with filters", async () => {
    const admin = await createKey(env, "privacy officer", "all");
    expect(
      (await cli(["register", "--contact", "telegram:111", "--name", "Ana", "--org", "acme"], env)).code,
    ).toBe(0);
    expect(
      (await cli(["register", "--contact", "whatsapp:5511999", "--name", "Ana", "--org", "acme"], env)).code,
    ).toBe(0);
    expect((await cli(["link", "--contact", "whatsapp:5511999", "--to", "telegram:111"], env)).code).toBe(0);
    expect((await cli(["api-key", "revoke", admin.id], env)).code).toBe(0);

    const all = JSON.parse((await cli(["audit", "--json"], env)).out) as { action: string; door: string }[];
    expect(all.map((e) => e.action)).toEqual([
      "api_key.revoked",
      "contact.linked",
      "contact.registered",
      "contact.registered",
      "api_key.created",
    ]);
    expect(new Set(all.map((e) => e.door))).toEqual(new Set(["cli"]));

    const keys = JSON.parse((await cli(["audit", "--target", admin.id, "--json"], env)).out);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatchObject({ actor: { kind: "operator" }, target: { kind: "api_key", id: admin.id } });
    const text = (await cli(["audit", "--action", "contact.linked"], env)).out;
    expect(text).toContain("contact.linked");
    expect(text.split("\n")).toHaveLength(1);
    // No phone number or platform id is written into the log, only ids.
    expect(JSON.stringify(all)).not.toMatch(/5511999|telegram:111|Ana/);

    expect((await cli(["audit", "--action", "nonsense"], env)).code).toBe(2);
  });

  it("serves the log to admin keys only, with the same filters", async () => {
    const admin = await createKey(env, "dpo", "all");
    await cli(["api-key", "create", "--name", "dpo2", "--admin"], env);
    const adminSecret = JSON.parse(
      (await cli(["api-key", "create", "--name", "dpo3", "--admin", "--json"], env)).out,
    ).secret as string;
    const agent = client(service.url, admin.secret);
    expect((await agent.get("/audit")).status).toBe(403);
    expect((await agent.get("/audit")).json.code).toBe("ADMIN_KEY_REQUIRED");

    const api = client(service.url, adminSecret);
    const page = await api.get("/audit?action=api_key.created&limit=2");
    expect(page.status).toBe(200);
    expect(page.json.items).toHaveLength(2);
    expect(page.json.items.every((e: { action: string }) => e.action === "api_key.created")).toBe(true);
    const older = await api.get(`/audit?action=api_key.created&limit=2&before=${page.json.nextBefore}`);
    expect(older.json.items.length).toBeGreaterThan(0);
    expect(BigInt(older.json.items[0].id)).toBeLessThan(BigInt(page.json.items[1].id));
    expect((await api.get("/audit?door=nowhere")).status).toBe(400);
    expect((await api.get("/audit?unknown=1")).status).toBe(400);
  });

  it("exports and erases from the CLI, and refuses unclear or unconfirmed requests", async () => {
    expect(
      (await cli(["register", "--contact", "telegram:424242", "--name", "Eva", "--org", "beta"], env)).code,
    ).toBe(0);
    expect((await cli(["export"], env)).code).toBe(2);
    expect(
      (
        await cli(
          ["export", "--contact", "telegram:424242", "--id", "0b6f1a8e-2c55-4a8e-9a3e-7f1d2c3b4a5e"],
          env,
        )
      ).code,
    ).toBe(2);
    expect((await cli(["export", "--contact", "telegram:1"], env)).code).toBe(1);
    expect((await cli(["erase", "--contact", "telegram:424242"], env)).code).toBe(2);

    const out = join(await mkdtemp(join(tmpdir(), "chamado-export-")), "eva.zip");
    const exported = await cli(["export", "--contact", "telegram:424242", "--out", out, "--json"], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ file: out, tickets: 0, files: 0 });
    const files = await unzip(new Uint8Array(await readFile(out)));
    expect(JSON.parse(files.get("contact.json")!.toString("utf8")).contact).toMatchObject({
      platformUserId: "424242",
      displayName: "Eva",
    });

    const erased = await cli(["erase", "--contact", "telegram:424242", "--yes", "--lang", "en"], env);
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/^erased contact [0-9a-f-]+: 0 ticket\(s\)/);
    const log = JSON.parse((await cli(["audit", "--target-kind", "contact", "--json"], env)).out) as {
      action: string;
    }[];
    expect(log.slice(0, 3).map((e) => e.action)).toEqual([
      "contact.erased",
      "contact.exported",
      "contact.registered",
    ]);
  });
});
