import type { WhatsAppCatalogue } from "./catalogue.js";

export const whatsappEn: WhatsAppCatalogue = {
  listButton: "See options",
  mediaUnavailable: (fileName) => `I could not download the file ${fileName}. Could you send it again?`,
  unsupportedMessage: "Here I understand text, images and documents. Write your message or send a file.",
};
