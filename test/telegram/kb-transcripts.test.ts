import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { seedArticles } from "../knowledge/articles.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { parseChatScript, playChat } from "./support/chat-transcript.js";
import { startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const DIR = join(import.meta.dirname, "../fixtures/telegram-kb");
const scripts = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

// On PostgreSQL, so the suggestions come from the real full-text ranking.
describeWith({ pg: true }, "Telegram suppliers helped by the knowledge base", () => {
  let t: TelegramTestService;
  beforeEach(async () => {
    t = await startTelegramService({ database: "postgres" });
    await seedArticles(t.service.core.storage.knowledge);
  });
  afterEach(async () => {
    await t?.stop();
  });

  it.each(scripts)("%s", async (file) => {
    const path = join(DIR, file);
    const log = await playChat(t, parseChatScript(path), path);
    expect(log.length).toBeGreaterThan(0);
    const figures = await t.service.core.knowledge.figures();
    if (file.startsWith("deflected")) expect(figures.totals.deflected).toBe(1);
    else expect(figures.totals.ticketsAfter).toBeGreaterThan(0);
  });
});
