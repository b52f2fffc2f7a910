import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema, loadConfig } from "../../src/app/config/index.js";
import { loadEnvFile } from "../../src/app/env-file.js";

const schemaNames = Object.keys(configSchema.shape).sort();

/** `NAME=value` and `# NAME=value` lines: the variables a file documents, with their shown values. */
const documented = (text: string): Map<string, string> =>
  new Map(
    text
      .split("\n")
      .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!.trim()]),
  );

// Shown as examples of the format, not as defaults.
const EXAMPLES = new Set(["DATABASE_URL", "REDIS_URL"]);

describe(".env.example", async () => {
  const example = documented(await readFile(".env.example", "utf8"));

  it("lists exactly the variables of the configuration schema", () => {
    expect([...example.keys()].sort()).toEqual(schemaNames);
  });

  it("shows each default as the schema has it, and every shown value is valid", () => {
    const defaults = loadConfig({});
    for (const [name, value] of example) {
      if (value === "") continue;
      const parsed = loadConfig({ [name]: value }) as Record<string, unknown>;
      if (!EXAMPLES.has(name))
        expect([name, parsed[name]]).toEqual([name, (defaults as Record<string, unknown>)[name]]);
    }
  });
});

describe("docker-compose.yml", () => {
  it("passes every configuration variable to the service", async () => {
    const compose = await readFile("docker-compose.yml", "utf8");
    const block = compose.slice(compose.indexOf("x-chamado-env:"), compose.indexOf("\nservices:"));
    const names = [...block.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]).sort();
    expect(names).toEqual(schemaNames);
  });
});

describe("loadEnvFile", () => {
  it("reads .env without overriding what the environment already sets", async () => {
    const dir = await mkdtemp(join(tmpdir(), "chamado-env-"));
    const file = join(dir, ".env");
    await writeFile(file, "CHAMADO_TEST_FROM_FILE=file\nCHAMADO_TEST_KEPT=file\n");
    process.env.CHAMADO_TEST_KEPT = "environment";
    try {
      expect(loadEnvFile(file)).toBe(file);
      expect(process.env.CHAMADO_TEST_FROM_FILE).toBe("file");
      expect(process.env.CHAMADO_TEST_KEPT).toBe("environment");
      expect(loadEnvFile(join(dir, "missing.env"))).toBeUndefined();
    } finally {
      delete process.env.CHAMADO_TEST_FROM_FILE;
      delete process.env.CHAMADO_TEST_KEPT;
    }
  });
});
