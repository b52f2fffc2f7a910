import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });

const FORBIDDEN = [
  /^@prisma\//,
  /generated\/prisma/,
  /^prisma$/,
  /^ioredis$/,
  /^@slack\//,
  /^telegraf/,
  /^whatsapp-web\.js/,
  /^pg$/,
  /^@electric-sql\//,
  /^fastify/,
  /^pino/,
];
const imports = (source: string) =>
  [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);

describe("dependency rule", () => {
  const root = join(import.meta.dirname, "../../src/core");

  it("keeps SDKs, the ORM, Redis and the HTTP server out of the core", () => {
    const offenders = files(root).flatMap((file) =>
      imports(readFileSync(file, "utf8"))
        .filter((spec) => FORBIDDEN.some((rule) => rule.test(spec)))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("never reaches from the core into adapters or the app", () => {
    const offenders = files(root).flatMap((file) =>
      imports(readFileSync(file, "utf8"))
        .filter((spec) => /\/(adapters|app)\//.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("actually sees the core's imports (the rule cannot pass vacuously)", () => {
    expect(files(root).length).toBeGreaterThan(10);
    expect(files(root).flatMap((f) => imports(readFileSync(f, "utf8")))).toContain("zod");
  });
});
