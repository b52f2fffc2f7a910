import { createUpdates, type Person } from "../../../testkit/telegram-updates.js";
import { eventually, type SlackTestService, TELEGRAM_SECRET } from "./slack-service.js";

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

/**
 * Rita opens "Invoice rejected" (or "Nota rejeitada") on Telegram in the given language and the
 * ticket's root reaches the agents' channel; resolves with her chat and the ticket.
 */
export const openTicketOnTelegram = async (
  t: SlackTestService,
  userId: number,
  languageCode: "en" | "pt-BR",
) => {
  const supplier = telegramSupplier(t, { userId, firstName: "Rita", languageCode, inGroup: false });
  if (languageCode === "en")
    await supplier.say(
      "new",
      "Invoice rejected",
      "technical",
      "high",
      "incident",
      "Rejected.",
      "skip",
      "confirm",
    );
  else await supplier.say("1", "Nota rejeitada", "1", "1", "1", "Rejeitada.", "pular", "1");
  const ticket = (
    await t.service.core.tickets.list({ limit: 1, sort: { field: "number", direction: "desc" } })
  ).items[0]!;
  await eventually(async () => (await t.link(ticket.number, "agents")) !== null, "the root message");
  return { supplier, ticket };
};
