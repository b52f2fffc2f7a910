import type { TelegramCatalogue } from "./catalogue.js";

export const telegramPtBR: TelegramCatalogue = {
  commands: {
    start: "Começar e ver as opções",
    new: "Abrir um chamado",
    tickets: "Ver meus chamados",
    ticket: "Ver um chamado: /ticket TKT-000123",
    reply: "Responder a um chamado: /reply TKT-000123",
    help: "Como usar",
    cancel: "Cancelar o que está em andamento",
    language: "Mudar o idioma",
  },
  notForYou: (name) => `Este botão é da conversa com ${name}.`,
  unsupported: "Por enquanto eu leio textos, fotos e documentos. Envie sua mensagem de uma dessas formas.",
  downloadFailed: (fileName) => `Não consegui baixar o arquivo ${fileName}. Envie de novo, por favor.`,
  viewTicket: "Ver chamado",
};
