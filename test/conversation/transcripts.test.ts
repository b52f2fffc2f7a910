import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, it } from "vitest";
import { buildEngine, type Harness } from "./support/engine-harness.js";
import { parseTranscript, playTranscript } from "./support/transcript.js";

const dir = join(import.meta.dirname, "../fixtures/conversation");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("conversation transcripts (memory sessions, memory storage)", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const file of files) {
    const script = parseTranscript(join(dir, file));
    it(`${file}: ${script.title}`, async () => {
      h = await buildEngine({ accessPolicy: script.policy });
      await playTranscript(h, script, join(dir, file));
    });
  }
});
