import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryKnowledgeBase } from "../../src/adapters/storage/memory/knowledge-base.js";
import { figuresOf } from "../../src/core/knowledge/service.js";
import { seedArticles } from "../knowledge/articles.js";
import { buildEngine, type Harness } from "./support/engine-harness.js";
import { parseTranscript, playTranscript } from "./support/transcript.js";

const dir = join(import.meta.dirname, "../fixtures/conversation-kb");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort();

/**
 * The knowledge base in chat, played as transcripts. Besides the usual lines, `kb: shown N opened N
 * deflected N after N` checks the suggestion figures once the conversation is over.
 */
describe("knowledge-base transcripts (memory sessions, memory storage)", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const file of files) {
    const script = parseTranscript(join(dir, file));
    it(`${file}: ${script.title}`, async () => {
      const knowledge = createMemoryKnowledgeBase();
      await seedArticles(knowledge);
      h = await buildEngine({ accessPolicy: script.policy, knowledge });
      const figures = script.lines.filter((l) => l.verb === "kb");
      await playTranscript(
        h,
        { ...script, lines: script.lines.filter((l) => l.verb !== "kb") },
        join(dir, file),
      );
      for (const line of figures) {
        const [, shown, opened, deflected, after] =
          /^shown (\d+) opened (\d+) deflected (\d+) after (\d+)$/.exec(line.arg) ?? [];
        const { totals } = figuresOf(await knowledge.figures());
        expect(totals, `${file}:${line.no}`).toEqual({
          shown: Number(shown),
          opened: Number(opened),
          deflected: Number(deflected),
          ticketsAfter: Number(after),
        });
      }
    });
  }
});
