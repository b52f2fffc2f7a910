import type { SlackToolsCatalogue } from "./tools-catalogue.js";

export const slackToolsPtBR: SlackToolsCatalogue = {
  ownership: {
    assignTo: "Atribuir a…",
    unassign: "Remover responsável",
    takeOver: "Assumir",
    notInChannel: "Só membros do canal de atendimento deste chamado podem assumi-lo.",
    collision: (owner, seconds) =>
      `${owner} é responsável por este chamado. Sua resposta sai em ${seconds} s, a menos que você a cancele.`,
    sendAnyway: "Enviar mesmo assim",
    cancel: "Cancelar minha resposta",
    willSend: "Sua resposta será enviada como está.",
    cancelled: "Sua resposta foi cancelada; o solicitante não a receberá.",
    tooLate: "Sua resposta já tinha sido enviada.",
    withdrawnNote: (owner) => `Resposta retirada antes do envio: o chamado é de ${owner}.`,
  },
};
