import type { FakeTelegramApi } from "../fake-telegram-api.js";
import { createUpdates, type Person } from "../telegram-updates.js";

/** One supplier's message to the bot: typed text, or a tap on a button of the bot's last keyboard. */
export type Step =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "tap"; readonly label: string };

/** The whole open-ticket flow of test/fixtures/telegram/open-ticket.en.txt, without the files. */
export const OPEN_TICKET_WALK: readonly Step[] = [
  { kind: "text", text: "hello" },
  { kind: "text", text: "/new" },
  { kind: "text", text: "Printer offline" },
  { kind: "text", text: "technical" },
  { kind: "text", text: "high" },
  { kind: "text", text: "incident" },
  { kind: "text", text: "The office printer shows error E-52 since this morning." },
  { kind: "tap", label: "Skip" },
  { kind: "tap", label: "Confirm" },
];

export const supplier = (index: number): Person => ({
  userId: 50_000_000 + index,
  firstName: `Supplier${index}`,
  languageCode: "en",
  inGroup: false,
});

type Updates = ReturnType<typeof createUpdates>;

export { createUpdates };

/** The update a step sends: a tap presses the newest button with that label the bot showed this chat. */
export const updateFor = (
  updates: Updates,
  person: Person,
  step: Step,
  api: FakeTelegramApi | null,
): Record<string, unknown> => {
  if (step.kind === "text") return updates.text(person, step.text);
  if (!api) {
    // The floor gets a callback of the same shape; nothing behind it reads the data.
    return updates.callback(person, { messageId: 1, chatId: person.userId, text: "", replyTo: null }, "x");
  }
  const shown = api.messages(person.userId).toReversed();
  for (const message of shown) {
    const button = message.keyboard?.flat().find((b) => b.text === step.label);
    if (button) return updates.callback(person, message, button.callback_data);
  }
  throw new Error(`supplier ${person.userId}: no "${step.label}" button was shown`);
};
