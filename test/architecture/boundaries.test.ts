import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The dependency rules of the folder tree, checked on the source text: the core imports only what
 * it allows itself, adapters never reach into the composition root, channels get storage only
 * through ports, storage knows no channel, and what reads untrusted platform bytes imports no SDK.
 */
const ROOT = resolve(import.meta.dirname, "../..");

const tsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith(".ts") ? [path] : [];
  });

interface Import {
  readonly file: string;
  /** As written: "zod", "../../core/ports/clock.js". */
  readonly spec: string;
  /** Repository path of a relative import ("src/core/ports/clock.ts"), null for a package. */
  readonly target: string | null;
}

const importsOf = (file: string): Import[] =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => {
    const spec = m[1]!;
    const target = spec.startsWith(".")
      ? relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, ".ts")
      : null;
    return { file: relative(ROOT, file), spec, target };
  });

const importsUnder = (folder: string): Import[] => tsFiles(join(ROOT, folder)).flatMap(importsOf);
const describeOffence = (i: Import) => `${i.file} imports ${i.spec}`;

const CHANNELS = ["slack", "telegram", "whatsapp"] as const;
/** Doors that must reach storage through ports too. */
const DOORS = [...CHANNELS, "api", "cli", "console"] as const;
/** Packages that talk to a database or Redis. */
const STORAGE_PACKAGES = /^(@prisma\/|prisma$|pg$|@electric-sql\/|ioredis$|pglite-prisma-adapter$)/;
const PLATFORM_SDKS = /^(@slack\/|telegraf|whatsapp-web\.js)/;

describe("folder boundaries", () => {
  it("the core imports only zod and Node's crypto, and nothing outside src/core", () => {
    const allowed = new Set(["zod", "node:crypto"]);
    const offenders = importsUnder("src/core").filter((i) =>
      i.target === null ? !allowed.has(i.spec) : !i.target.startsWith("src/core/"),
    );
    expect(offenders.map(describeOffence)).toEqual([]);
  });

  it("adapters never import the composition root (src/app)", () => {
    const offenders = importsUnder("src/adapters").filter((i) => i.target?.startsWith("src/app/"));
    expect(offenders.map(describeOffence)).toEqual([]);
  });

  it("channels and the other doors reach storage only through ports", () => {
    const offenders = DOORS.flatMap((door) =>
      importsUnder(`src/adapters/${door}`).filter(
        (i) =>
          (i.target !== null &&
            (i.target.startsWith("src/adapters/storage/") || i.target.startsWith("src/generated/"))) ||
          (i.target === null && STORAGE_PACKAGES.test(i.spec)),
      ),
    );
    expect(offenders.map(describeOffence)).toEqual([]);
  });

  it("storage never imports a channel or another door", () => {
    const offenders = importsUnder("src/adapters/storage").filter((i) =>
      DOORS.some((door) => i.target?.startsWith(`src/adapters/${door}/`)),
    );
    expect(offenders.map(describeOffence)).toEqual([]);
  });

  it("a channel never imports another channel", () => {
    const offenders = CHANNELS.flatMap((channel) =>
      importsUnder(`src/adapters/${channel}`).filter((i) =>
        CHANNELS.some((other) => other !== channel && i.target?.startsWith(`src/adapters/${other}/`)),
      ),
    );
    expect(offenders.map(describeOffence)).toEqual([]);
  });

  it("what parses and verifies platform payloads imports no platform SDK", () => {
    const untrusted = [
      "src/adapters/slack/verify.ts",
      "src/adapters/slack/events.ts",
      "src/adapters/slack/bolt-envelope.ts",
      "src/adapters/telegram/parse.ts",
      "src/adapters/telegram/update-schema.ts",
      "src/adapters/telegram/webhook.ts",
      "src/adapters/whatsapp/cloud/parse.ts",
      "src/adapters/whatsapp/cloud/signature.ts",
      "src/adapters/whatsapp/web/messages.ts",
    ];
    for (const file of untrusted) expect(existsSync(join(ROOT, file)), file).toBe(true);
    const offenders = untrusted
      .flatMap((file) => importsOf(join(ROOT, file)))
      .filter((i) => i.target === null && PLATFORM_SDKS.test(i.spec));
    expect(offenders.map(describeOffence)).toEqual([]);
  });

  it("the benchmarks share fakes with the tests through testkit, never by importing test/", () => {
    const offenders = [...importsUnder("bench"), ...importsUnder("testkit")].filter((i) =>
      i.target?.startsWith("test/"),
    );
    expect(offenders.map(describeOffence)).toEqual([]);
  });

  it("sees real imports in every folder it rules on (no rule passes vacuously)", () => {
    for (const folder of ["src/core", "src/adapters", "src/adapters/storage", "bench", "testkit"])
      expect(importsUnder(folder).length, folder).toBeGreaterThan(10);
    for (const door of DOORS) expect(importsUnder(`src/adapters/${door}`).length, door).toBeGreaterThan(3);
    expect(importsUnder("src/core").map((i) => i.spec)).toContain("zod");
    expect(importsUnder("src/adapters/slack").some((i) => i.spec === "@slack/bolt")).toBe(true);
    expect(importsUnder("src/adapters/storage").some((i) => i.spec.includes("generated/prisma"))).toBe(true);
  });
});
