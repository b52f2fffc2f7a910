import { runCli } from "../../src/app/cli/main.js";
import type { RunningService } from "../../src/app/service.js";

/** Runs the real CLI against the test database and returns its exit code and output. */
export const cli = async (args: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

/** A key made the way an operator makes one: `api-key create ... --json`, secret read from its output. */
export const createKey = async (
  env: Record<string, string>,
  name: string,
  scope: { org: string } | "all",
) => {
  const result = await cli(
    ["api-key", "create", "--name", name, ...(scope === "all" ? ["--all"] : ["--org", scope.org]), "--json"],
    env,
  );
  if (result.code !== 0) throw new Error(`api-key create failed: ${result.err}`);
  return JSON.parse(result.out) as { id: string; secret: string; role: string };
};

export const client = (baseUrl: string, secret?: string) => {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON.
    const json: any = text ? JSON.parse(text) : null;
    return {
      status: response.status,
      type: response.headers.get("content-type") ?? "",
      headers: response.headers,
      json,
    };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      call("POST", path, body, headers),
    put: (path: string, body: unknown) => call("PUT", path, body),
    del: (path: string) => call("DELETE", path),
  };
};

/** A service on a throwaway database with an agent key ("panel") and a requester key of organization acme. */
export const startApiService = async (extraEnv: Record<string, string> = {}) => {
  const { pino } = await import("pino");
  const { startService } = await import("../../src/app/service.js");
  const { testConfig, testEnv } = await import("../../testkit/spawn-service.js");
  const { createThrowawayDatabase } = await import("../support/pg-database-for-service.js");
  const db = await createThrowawayDatabase();
  const env = await testEnv({ DATABASE_URL: db.url, ...extraEnv });
  const service = await startService(await testConfig(env), {
    port: 0,
    logger: pino({ level: "silent" }),
    startTimers: false,
    startWorker: false,
  });
  await service.core.directory.ensureContact({
    channel: "TELEGRAM",
    platformUserId: "acme-founder",
    displayName: "acme founder",
    organization: { key: "acme", name: "ACME" },
    registered: true,
  });
  const agentKey = (await createKey(env, "panel", "all")).secret;
  const acmeKey = (await createKey(env, "acme portal", { org: "acme" })).secret;
  return {
    db,
    env,
    service,
    agent: client(service.url, agentKey),
    acme: client(service.url, acmeKey),
    stop: async () => {
      await service.stop();
      await db.drop();
    },
  };
};

/**
 * Organizations the API may name: it answers 404 for an organization nobody registered, so a test
 * registers one founder contact in each first, as `cli -- register` would.
 */
export const seedOrganizations = async (service: RunningService, keys: readonly string[]) => {
  for (const key of keys) {
    await service.core.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: `${key}-founder`,
      displayName: `${key} founder`,
      organization: { key, name: key.toUpperCase() },
      registered: true,
    });
  }
};
