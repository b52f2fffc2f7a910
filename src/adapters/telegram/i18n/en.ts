import type { TelegramCatalogue } from "./catalogue.js";

export const telegramEn: TelegramCatalogue = {
  commands: {
    start: "Start and see the options",
    new: "Open a ticket",
    tickets: "See my tickets",
    ticket: "See a ticket: /ticket TKT-000123",
    reply: "Reply to a ticket: /reply TKT-000123",
    help: "How to use this bot",
    cancel: "Cancel what is in progress",
    language: "Change the language",
  },
  notForYou: (name) => `This button belongs to the conversation with ${name}.`,
  unsupported:
    "For now I can read text, photos and documents. Please send your message in one of those forms.",
  downloadFailed: (fileName) => `I could not download the file ${fileName}. Please send it again.`,
  viewTicket: "View ticket",
};
