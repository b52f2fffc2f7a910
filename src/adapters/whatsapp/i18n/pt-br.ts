import type { WhatsAppCatalogue } from "./catalogue.js";

export const whatsappPtBR: WhatsAppCatalogue = {
  listButton: "Ver opções",
  mediaUnavailable: (fileName) => `Não consegui baixar o arquivo ${fileName}. Pode enviá-lo de novo?`,
  unsupportedMessage:
    "Por aqui eu entendo textos, imagens e documentos. Escreva sua mensagem ou envie um arquivo.",
};
