import { afterEach, expect, it } from "vitest";
import { chatIdOf, createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

let t: TelegramTestService | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

it("an anonymous group admin gets an answer in the group and leaves a log line (no longer dropped in silence)", async () => {
  const lines: string[] = [];
  t = await startTelegramService({ database: "memory", logLines: lines });
  const admin: Person = {
    userId: 1111,
    firstName: "Ana",
    languageCode: "pt-br",
    inGroup: true,
    anonymous: true,
  };
  const response = await t.post(createUpdates().text(admin, "@chamado_test_bot ajuda"));
  expect(response.status).toBe(200);
  expect(t.api.messages(chatIdOf(admin)).length).toBeGreaterThan(0);
  const logged = lines.map((l) => JSON.parse(l) as { msg: string; chatId?: number });
  expect(logged).toContainEqual(
    expect.objectContaining({
      msg: "telegram: anonymous group admin answered as the group",
      chatId: chatIdOf(admin),
    }),
  );
});
