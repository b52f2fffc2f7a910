import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/app/config/index.js";
import { deleteKeys } from "../../testkit/redis-keys.js";
import { testConfig, testEnv } from "../../testkit/spawn-service.js";
import { cli } from "../api/support.js";
import { createThrowawayDatabase, describeWith, redisUrl } from "../support/pg-database-for-service.js";
import { ANA, databaseDump, openCore, redisDump, type Seeded, seed } from "./support/seed.js";

const CHILD = join(import.meta.dirname, "support/erase-child.ts");

/** Runs the erasure in its own process and SIGKILLs it once it reports the step done. */
const eraseAndKill = (env: Record<string, string>, contactId: string, step: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, contactId, step], {
      // Only the test's variables: the run's own DATABASE_URL must not reach an embedded-database child.
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes(`stopped after ${step}`)) child.kill("SIGKILL");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.once("exit", (code, signal) =>
      signal === "SIGKILL"
        ? resolve(out)
        : reject(new Error(`child exited ${code} before the kill:\n${out}`)),
    );
  });

const crashSuite = (
  name: string,
  resume: "id" | "unfinished",
  open: () => Promise<{ env: Record<string, string>; close(): Promise<void> }>,
) => {
  describe(`erasure killed halfway: ${name}`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    let config: Config;
    let seeded: Pick<Seeded, "anaId" | "anaOnlyKeys" | "sharedKey" | "redisPrefix">;

    beforeAll(async () => {
      opened = await open();
      config = await testConfig(opened.env);
      const s = await seed(config);
      seeded = s;
      // The child opens the store itself (an embedded database has one owner at a time).
      await s.close();
    });
    afterAll(async () => {
      await opened?.close();
    });

    it("finishes what the killed run began when the erasure is run again", async () => {
      expect(await eraseAndKill(opened.env, seeded.anaId, "scrubbed")).toContain("stopped after scrubbed");

      const core = await openCore(config);
      try {
        // Halfway: the database is scrubbed and says so, the bytes and the session are still there.
        expect(await databaseDump(core)).not.toContain(ANA.secret);
        const erasure = await core.db!.prisma.contactErasure.findUniqueOrThrow({
          where: { contactId: seeded.anaId },
        });
        expect(erasure.completedAt).toBeNull();
        expect(erasure.storageKeys.length).toBeGreaterThan(0);
        expect(await core.blobs.get(seeded.anaOnlyKeys[0]!).then(() => true)).toBe(true);
        expect(await redisDump(opened.env.REDIS_URL!, seeded.redisPrefix)).toContain(seeded.anaId);
      } finally {
        await core.close();
      }

      // The platform id is already gone: the operator names the contact by id, or finishes every
      // erasure that was cut off.
      expect(
        (await cli(["erase", "--contact", `telegram:${ANA.platformUserId}`, "--yes"], opened.env)).code,
      ).toBe(1);
      if (resume === "id") {
        const again = await cli(["erase", "--id", seeded.anaId, "--yes", "--json"], opened.env);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.out)).toMatchObject({ alreadyErased: false, tickets: 2 });
      } else {
        const again = await cli(["erase", "--unfinished", "--json"], opened.env);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.out)).toEqual({ finished: 1 });
      }

      const after = await openCore(config);
      try {
        const dump = await databaseDump(after);
        for (const trace of [ANA.platformUserId, ANA.name, ANA.secret, ANA.fileName])
          expect(dump).not.toContain(trace);
        for (const key of seeded.anaOnlyKeys)
          expect(
            await after.blobs.get(key).then(
              () => true,
              () => false,
            ),
            key,
          ).toBe(false);
        expect(await after.blobs.get(seeded.sharedKey).then(() => true)).toBe(true);
        const redis = await redisDump(opened.env.REDIS_URL!, seeded.redisPrefix);
        expect(redis).not.toContain(seeded.anaId);
        expect(redis).not.toContain(ANA.platformUserId);
        const erasure = await after.db!.prisma.contactErasure.findUniqueOrThrow({
          where: { contactId: seeded.anaId },
        });
        expect(erasure.completedAt).not.toBeNull();
        const audit = await after.storage.audit.list({
          targetId: seeded.anaId,
          action: "contact.erased",
          limit: 5,
        });
        expect(audit).toHaveLength(1);
      } finally {
        await after.close();
      }
      const third = await cli(["erase", "--id", seeded.anaId, "--yes", "--json"], opened.env);
      expect(JSON.parse(third.out)).toMatchObject({ alreadyErased: true });
    });
  });
};

const redisEnv = () => {
  const url = redisUrl()!;
  return { REDIS_URL: url, REDIS_KEY_PREFIX: `chamado-test:${randomUUID()}:` };
};

describeWith({ pg: true, redis: true }, "PostgreSQL and Redis", () => {
  crashSuite("PostgreSQL", "unfinished", async () => {
    const db = await createThrowawayDatabase();
    const redis = redisEnv();
    const env = await testEnv({ DATABASE_URL: db.url, ...redis });
    return {
      env,
      async close() {
        await deleteKeys(redis.REDIS_URL, redis.REDIS_KEY_PREFIX);
        await db.drop();
      },
    };
  });
});

describeWith({ redis: true }, "embedded database and Redis", () => {
  crashSuite("embedded PGlite", "id", async () => {
    const redis = redisEnv();
    const env = await testEnv(redis);
    return { env, close: () => deleteKeys(redis.REDIS_URL, redis.REDIS_KEY_PREFIX) };
  });
});
