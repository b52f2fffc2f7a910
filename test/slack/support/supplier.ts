import { createUpdates, type Person } from "../../../testkit/telegram-updates.js";
import { type SlackTestService, TELEGRAM_SECRET } from "./slack-service.js";

/** A supplier chatting with the Telegram bot through the real webhook. */
export const telegramSupplier = (t: SlackTestService, person: Person) => {
  const updates = createUpdates();
  return {
    person,
    async say(...texts: string[]) {
      for (const text of texts) {
        const response = await fetch(`${t.service.url}/telegram/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
          body: JSON.stringify(updates.text(person, text)),
        });
        // The webhook answers once the update was handled and the bot's answers were sent.
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      }
    },
    /** What the supplier has read in the chat, one string per message. */
    chat: () => t.telegram.messages(person.userId).map((m) => m.text),
  };
};
