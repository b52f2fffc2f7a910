import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, it } from "vitest";
import { describeWith } from "../support/pg-database-for-service.js";
import { buildEngine, type Harness } from "./support/engine-harness.js";
import { pgStorage } from "./support/pg-storage.js";
import { parseTranscript, playTranscript } from "./support/transcript.js";

const dir = join(import.meta.dirname, "../fixtures/conversation");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describeWith(
  { pg: true },
  "conversation transcripts on PostgreSQL (Prisma repositories, abandoned flows and outbox)",
  () => {
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
  },
);
