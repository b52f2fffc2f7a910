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
  escalation: {
    managers: (ref, subject, alert, link) =>
      `📣 Escalonado: *${ref}* ${subject}\n${alert}\n<${link}|Abrir a conversa>`,
  },
  merge: {
    mergedInto: (ref, by) =>
      `🔗 Juntado ao ${ref} (${by}); o solicitante foi avisado para acompanhar aquele.`,
    mergedFrom: (ref, by) =>
      `🔗 ${ref} foi juntado a este (${by}); suas mensagens e arquivos estão no histórico deste chamado.`,
    rootNote: (ref) => `🔗 Juntado ao *${ref}*`,
    usage: (command) =>
      `Use *${command} merge TKT-000002 TKT-000001* para juntar o primeiro chamado ao segundo.`,
    done: (duplicate, target) => `${duplicate} foi juntado ao ${target}.`,
  },
  tags: {
    label: "Etiquetas",
    placeholder: "Etiquetas",
    none: "_nenhuma_",
    line: (tags, by) => `🏷 Etiquetas: ${tags} (${by})`,
  },
  savedReplies: {
    usage: (command) =>
      [
        `*${command} reply-with NOME TKT-000123* — ver uma resposta salva preenchida para o chamado e enviá-la`,
        `*${command} saved-replies* [NOME] — criar ou alterar uma resposta salva (formulário)`,
        `*${command} saved-replies list* — as respostas salvas`,
        `*${command} saved-replies delete NOME* — apagar uma`,
        "Na conversa de um chamado: o atalho de mensagem *Enviar resposta salva*.",
      ].join("\n"),
    preview: (name, ref, lang, status) =>
      `Resposta salva *${name}* para ${ref} (${lang})${status ? `, depois status *${status}*` : ""}. Só você vê esta prévia:`,
    send: "Enviar",
    cancel: "Cancelar",
    sent: (ref, seconds) => `Enviada para ${ref}; sai em ${seconds} s.`,
    dropped: "Não enviada.",
    threadLine: (agent, name) => `📨 ${agent} enviou a resposta salva *${name}*:`,
    pickTitle: "Resposta salva",
    pickLabel: "Qual resposta salva?",
    pickSubmit: "Ver prévia",
    noneForTicket: "Ainda não há respostas salvas para o departamento deste chamado.",
    notATicketThread: "Use isto em uma mensagem da conversa de um chamado no canal de atendimento.",
    manageTitle: "Resposta salva",
    manageSubmit: "Salvar",
    close: "Cancelar",
    name: "Nome",
    nameHint: "Letras minúsculas, dígitos, - ou _; salvar um nome que já existe o altera.",
    scope: "Para",
    everyone: "Todos os departamentos",
    textPt: "Texto em português",
    textEn: "Texto em inglês",
    textHint: (variables) => `Até 1000 caracteres. Variáveis: ${variables}. Escreva ao menos um idioma.`,
    status: "Depois mudar o status para",
    keepDefault: "Aguardando solicitante (como qualquer resposta)",
    list: (lines) => (lines.length === 0 ? "Ainda não há respostas salvas." : lines.join("\n")),
    saved: (name) => `Resposta salva *${name}* gravada.`,
    deleted: (name) => `Resposta salva *${name}* apagada.`,
  },
};
