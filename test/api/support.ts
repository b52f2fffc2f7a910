import { runCli } from "../../src/app/cli/main.js";

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
