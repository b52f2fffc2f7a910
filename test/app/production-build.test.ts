import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgTestDatabase } from "../../testkit/pg-test-database.js";

// The bundle goes to a folder of its own inside the project (its node_modules must be found from it),
// so this test never replaces a dist/ someone is running.
const ROOT = join(import.meta.dirname, "../..");
const OUT = join(ROOT, "tmp", `build-test-${process.pid}`);

const run = (args: string[], env: NodeJS.ProcessEnv, cwd: string) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, out, err }));
  });

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Only what the command needs: no DATABASE_URL unless given, no .env (the working directory is empty). */
const bareEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DEFAULT_LANGUAGE: "en",
  ...extra,
});

describe("the production build (npm run build, then plain node)", () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(join(process.env.CHAMADO_TEST_TMP ?? tmpdir(), "chamado-build-"));
    const built = await run([join(ROOT, "scripts/build.mjs"), "--outdir", OUT], process.env, ROOT);
    expect(built.code, built.err).toBe(0);
  });

  afterAll(async () => {
    await rm(OUT, { recursive: true, force: true });
    await rm(cwd, { recursive: true, force: true });
  });

  it("runs a CLI command on PostgreSQL and exits by itself", async () => {
    // A database of its own, migrated here: the server's shared databases may be empty (a new CI machine).
    const database = await createPgTestDatabase();
    if (!database) throw new Error("DATABASE_URL is not set");
    try {
      const result = await run(
        [join(OUT, "app/cli/bin.js"), "list", "--json"],
        bareEnv({ DATABASE_URL: database.url }),
        cwd,
      );
      expect(result.code, result.err).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({ items: [] });
    } finally {
      await database.drop();
    }
  });

  it("serves /healthz on the embedded database, and a CLI command goes through the service", async () => {
    const dataDir = join(cwd, "data");
    const port = await freePort();
    const env = bareEnv({ DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info" });
    const service: ChildProcess = spawn(process.execPath, [join(OUT, "app/main.js")], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let logs = "";
    const started = new Promise<void>((resolve, reject) => {
      const onData = (c: Buffer) => {
        logs += c.toString();
        if (logs.includes('"msg":"service started"')) resolve();
      };
      service.stdout?.on("data", onData);
      service.stderr?.on("data", onData);
      service.once("exit", (code) => reject(new Error(`the service exited (${code}):\n${logs}`)));
    });
    try {
      await started;
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const created = await run(
        [
          join(OUT, "app/cli/bin.js"),
          ...["create", "--subject", "Printer stopped", "--department", "technical"],
          ...["--priority", "high", "--type", "incident", "--message", "Not printing since yesterday"],
        ],
        bareEnv({ DATA_DIR: dataDir }),
        cwd,
      );
      expect(created.code).toBe(0);
      const listed = await run([join(OUT, "app/cli/bin.js"), "list"], bareEnv({ DATA_DIR: dataDir }), cwd);
      expect(listed.code).toBe(0);
      expect(listed.out).toContain("Printer stopped");
    } finally {
      const exited = new Promise((resolve) => service.once("exit", resolve));
      service.kill("SIGTERM");
      await exited;
    }
  });
});
