import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../src/adapters/console/console-chat.js";
import { createMemoryKnowledgeBase } from "../../src/adapters/storage/memory/knowledge-base.js";
import { seedArticles } from "../knowledge/articles.js";
import { buildEngine, type Harness, TEST_ATTACHMENT_RULES } from "./support/engine-harness.js";

describe("console channel: knowledge-base suggestions", () => {
  let h: Harness;
  beforeEach(async () => {
    const knowledge = createMemoryKnowledgeBase();
    await seedArticles(knowledge);
    h = await buildEngine({ knowledge });
  });
  afterEach(async () => {
    await h.close();
  });

  it("a person in the terminal is deflected by an article, in English", async () => {
    const input = new PassThrough();
    const output: string[] = [];
    const done = runConsoleChat({
      engine: h.engine,
      identity: { channel: "CONSOLE", platformUserId: "paul", displayName: "Paul" },
      locale: "en",
      input,
      write: (text) => output.push(text),
      maxFileBytes: TEST_ATTACHMENT_RULES.maxBytes,
    });
    input.end(
      `${["/new", "Invoice rejected by the tax authority", "1", "/tap kb.solved", "/quit"].join("\n")}\n`,
    );
    await done;
    const printed = output.join("\n");
    expect(printed).toContain("Before we go on, see whether one of these answers it");
    expect(printed).toContain("1. Invoice rejected: what to do — Article");
    expect(printed).toContain("The tax authority's answer names it.");
    expect(printed).toContain("Glad it is solved! No ticket was opened.");
    expect((await h.service.list({ kind: "system" }, { limit: 10 })).items).toEqual([]);
  });
});
