import { afterEach, expect, it } from "vitest";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { AGENT, startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const ana: Person = { userId: 6101, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const bob: Person = { userId: 6102, firstName: "Bob", languageCode: "en", inGroup: false };

let t: TelegramTestService | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

it("counts chat intake flows by the step where people gave up, from real conversations", async () => {
  t = await startTelegramService();
  const updates = createUpdates();
  const say = async (who: Person, text: string) =>
    expect((await t!.post(updates.text(who, text))).status).toBe(200);
  // Ana gives up when asked for the department; Bob cancels when asked for the subject.
  await say(ana, "/new");
  await say(ana, "Sistema lento");
  await say(ana, "/cancel");
  await say(bob, "/new");
  await say(bob, "/cancel");
  expect(t.api.messages(bob.userId).map((m) => m.text)).toEqual([
    "What is the ticket's subject? (3 to 120 characters)",
    "All right, cancelled. Nothing was recorded.\n\nAnything else I can help with?",
  ]);

  const report = await t.service.core.reports.report(AGENT, {});
  expect(report.ok && report.value.intake.steps.slice(0, 3)).toEqual([
    { step: "subject", reached: 2, stopped: 1 },
    { step: "department", reached: 1, stopped: 1 },
    { step: "priority", reached: 0, stopped: 0 },
  ]);
});
