import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningService, startService } from "../../src/app/service.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";
import { cli, client, createKey } from "./support.js";

const text = (s: string) => Buffer.from(s).toString("base64");

describeWith({ pg: true }, "attachments out of the API and the CLI", () => {
  let db: ThrowawayDatabase;
  let service: RunningService;
  let env: Record<string, string>;
  let agentKey: string;
  let acmeKey: string;
  let globexKey: string;
  let folder: string;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    env = await testEnv({ DATABASE_URL: db.url, DEFAULT_LANGUAGE: "en" });
    service = await startService(await testConfig(env), {
      port: 0,
      logger: pino({ level: "silent" }),
      startTimers: false,
      startWorker: false,
    });
    for (const key of ["acme", "globex"]) {
      await service.core.directory.ensureContact({
        channel: "TELEGRAM",
        platformUserId: `${key}-founder`,
        displayName: `${key} founder`,
        organization: { key, name: key.toUpperCase() },
        registered: true,
      });
    }
    agentKey = (await createKey(env, "panel", "all")).secret;
    acmeKey = (await createKey(env, "acme portal", { org: "acme" })).secret;
    globexKey = (await createKey(env, "globex portal", { org: "globex" })).secret;
    folder = await mkdtemp(join(tmpdir(), "chamado-attachment-"));
    const created = await client(service.url, acmeKey).post("/tickets", {
      subject: "Log do erro",
      department: "technical",
      priority: "LOW",
      type: "bug",
      message: "Segue o log.",
      attachments: [{ fileName: "erro.txt", contentBase64: text("linha 1\nlinha 2\n") }],
    });
    expect(created.status).toBe(201);
    const note = await client(service.url, agentKey).post(
      `/tickets/${created.json.ticket.publicId}/replies`,
      {
        message: "Nosso diagnóstico interno.",
        internal: true,
        attachments: [{ fileName: "interno.txt", contentBase64: text("só para agentes\n") }],
      },
    );
    expect(note.status).toBe(200);
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  const download = (secret: string, path: string) =>
    fetch(`${service.url}/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } });

  it("gives the file to the ticket's organization and to agents, as a download", async () => {
    for (const secret of [acmeKey, agentKey]) {
      const response = await download(secret, "/tickets/TKT-000001/attachments/erro.txt");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/plain");
      expect(response.headers.get("content-disposition")).toBe(
        "attachment; filename=\"erro.txt\"; filename*=UTF-8''erro.txt",
      );
      expect(await response.text()).toBe("linha 1\nlinha 2\n");
    }
  });

  it("answers 404 to another organization, and hides internal notes' files from requesters", async () => {
    const other = await download(globexKey, "/tickets/TKT-000001/attachments/erro.txt");
    expect(other.status).toBe(404);
    const internal = await download(acmeKey, "/tickets/TKT-000001/attachments/interno.txt");
    expect(internal.status).toBe(404);
    expect(await internal.json()).toMatchObject({ code: "ATTACHMENT_NOT_FOUND" });
    expect((await download(agentKey, "/tickets/TKT-000001/attachments/interno.txt")).status).toBe(200);
  });

  it("saves a file from the CLI, by name or id, never overwriting", async () => {
    const out = join(folder, "saved.txt");
    const saved = await cli(["attachment", "get", "TKT-000001", "erro.txt", "--out", out], env);
    expect(saved.code).toBe(0);
    expect(await readFile(out, "utf8")).toBe("linha 1\nlinha 2\n");
    const again = await cli(["attachment", "get", "TKT-000001", "erro.txt", "--out", out], env);
    expect(again.code).toBe(2);
    expect(again.err).toContain("already exists");
    const missing = await cli(
      ["attachment", "get", "TKT-000001", "nada.pdf", "--out", join(folder, "x")],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toBe("Ticket TKT-000001 has no file nada.pdf.");
  });
});
