import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, it } from "vitest";
import { PG_SKIP_REASON, pgServerUrl } from "../support/pg-test-database.js";
import { buildEngine, type Harness } from "./support/engine-harness.js";
import { pgStorage } from "./support/pg-storage.js";
import { parseTranscript, playTranscript } from "./support/transcript.js";

const dir = join(import.meta.dirname, "../fixtures/conversation");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

if (pgServerUrl()) {
  describe("conversation transcripts on PostgreSQL (Prisma repositories, abandoned flows and outbox)", () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });
    for (const file of files) {
      const script = parseTranscript(join(dir, file));
      it(`${file}: ${script.title}`, async () => {
        h = await buildEngine({ accessPolicy: script.policy, storage: pgStorage });
        await playTranscript(h, script, join(dir, file));
      });
    }
  });
} else {
  describe("conversation transcripts on PostgreSQL", () => {
    it.skip(PG_SKIP_REASON, () => {});
  });
}
