import { spawn } from "node:child_process";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/app/config/index.js";
import { type RunningService, startService } from "../../src/app/service.js";
import { testConfig } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const TOKEN = "metrics-token-0123456789abcdef";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("secrets too short to resist guessing stop the start", () => {
  const short = {
    TELEGRAM_BOT_TOKEN: "123456789:AAE_abcdefghijklmnopqrstuvwxyz012345",
    TELEGRAM_WEBHOOK_SECRET: "short_secret",
    WHATSAPP_TRANSPORT: "cloud",
    WHATSAPP_CLOUD_ACCESS_TOKEN: "EAAG-token",
    WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
    WHATSAPP_APP_SECRET: "app-secret",
    WHATSAPP_VERIFY_TOKEN: "verify-me",
    SLACK_BOT_TOKEN: "xoxb-1-2-abc",
    SLACK_SIGNING_SECRET: "abc123",
    SLACK_AGENT_CHANNEL_ID: "C0AGENTS",
    METRICS_TOKEN: "tiny",
  };

  it("names every one of them at once", () => {
    expect(() => loadConfig(short)).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig(short);
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of [
      "TELEGRAM_WEBHOOK_SECRET",
      "WHATSAPP_APP_SECRET",
      "SLACK_SIGNING_SECRET",
      "METRICS_TOKEN",
    ])
      expect(message).toContain(`  ${name}: `);
    expect(message).toContain("16 to 256");
    expect(message).toContain("at least 16 characters");
    expect(message).not.toContain("WHATSAPP_VERIFY_TOKEN");
  });

  it("exits the service process with code 2 and the list on stderr", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "../../src/app/main.ts")],
      {
        env: { ...process.env, ...short, DATABASE_URL: "", DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("TELEGRAM_WEBHOOK_SECRET");
    expect(stderr).toContain("SLACK_SIGNING_SECRET");
  });
});

describeWith({ pg: true }, "/metrics and readiness details are for operators", () => {
  let db: ThrowawayDatabase;
  let withToken: RunningService;
  let withAdminPort: RunningService;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    const start = async (env: Record<string, string>) =>
      startService(await testConfig({ DATABASE_URL: db.url, ...env }), {
        port: 0,
        adminPort: 0,
        logger: pino({ level: "silent" }),
        startTimers: false,
        startWorker: false,
      });
    withToken = await start({ METRICS_TOKEN: TOKEN });
    withAdminPort = await start({ ADMIN_PORT: "9", ADMIN_HOST: "127.0.0.1" });
  });
  afterAll(async () => {
    await withToken?.stop();
    await withAdminPort?.stop();
    await db?.drop();
  });

  it("with METRICS_TOKEN: /healthz says only ok, /readyz only its status, /metrics asks for the token", async () => {
    const url = withToken.url;
    expect(withToken.adminUrl).toBeNull();
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: "ready" });
    expect(await (await fetch(`${url}/readyz`, { headers: bearer(TOKEN) })).json()).toEqual({
      status: "ready",
      checks: { database: "ok" },
    });
    for (const headers of [{}, bearer("not-the-token-0123456789"), { authorization: TOKEN }]) {
      const refused = await fetch(`${url}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(await refused.text()).not.toContain("chamado_");
    }
    const metrics = await fetch(`${url}/metrics`, { headers: bearer(TOKEN) });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("# TYPE chamado_security_events_total counter");
  });

  it("with ADMIN_PORT: the main port has no /metrics and no details; the admin port has both", async () => {
    const { url, adminUrl } = withAdminPort;
    expect(adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(adminUrl).not.toBe(url);
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: "ready" });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${adminUrl}/readyz`)).json()).toEqual({
      status: "ready",
      checks: { database: "ok" },
    });
    const metrics = await fetch(`${adminUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("# TYPE chamado_input_refused_total counter");
    expect((await fetch(`${adminUrl}/api/v1/tickets`)).status).toBe(404);
  });
});
