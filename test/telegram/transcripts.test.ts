import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseChatScript, playChat } from "./support/chat-transcript.js";
import { startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const DIR = join(import.meta.dirname, "../fixtures/telegram");
const scripts = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("Telegram conversations through the webhook", () => {
  let t: TelegramTestService;
  beforeEach(async () => {
    t = await startTelegramService();
  });
  afterEach(async () => {
    await t?.stop();
  });

  it.each(scripts)("%s", async (file) => {
    const path = join(DIR, file);
    const log = await playChat(t, parseChatScript(path), path);
    expect(log.length).toBeGreaterThan(0);
  });
});
