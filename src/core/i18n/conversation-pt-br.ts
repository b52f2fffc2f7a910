import type { ConversationCatalogue } from "./conversation-catalogue.js";
import { compactDuration, dateParts } from "./conversation-catalogue.js";

export const conversationPtBR: ConversationCatalogue = {
  words: {
    cancel: ["cancelar", "cancela", "sair", "desistir"],
    back: ["voltar", "volta", "anterior"],
    help: ["ajuda", "socorro", "?"],
    menu: ["menu", "inicio", "comecar"],
    greetings: ["oi", "ola", "bom dia", "boa tarde", "boa noite", "e ai"],
    language: ["idioma", "lingua"],
    newTicket: ["novo", "novo chamado", "abrir chamado", "abrir"],
    myTickets: ["meus chamados", "chamados", "consultar"],
    browser: ["abrir no navegador", "navegador", "web"],
    yes: ["sim", "s", "claro", "pode"],
    no: ["nao", "n"],
    filesDone: ["pronto", "concluido", "feito", "nenhum", "nao", "sem anexos"],
  },
  languageName: "Português (Brasil)",
  dateTime: (date, timeZone) => {
    const p = dateParts(date, timeZone);
    return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
  },
  duration: compactDuration,

  menu: {
    greeting: (name) => `Olá${name ? `, ${name}` : ""}! Como posso ajudar?`,
    more: "Posso ajudar em algo mais?",
    notUnderstood: "Não entendi sua mensagem. Escolha uma opção:",
    newTicket: "Abrir chamado",
    myTickets: "Meus chamados",
    language: "Idioma / Language",
    help: "Ajuda",
  },
  help: {
    general:
      "Por aqui você abre e acompanha chamados com o suporte. Responda com o número da opção, o nome dela ou tocando no botão. " +
      'A qualquer momento: "voltar" volta um passo, "cancelar" desiste, "menu" mostra as opções, "idioma" troca o idioma. ' +
      "Para ver um chamado, envie o número dele (por exemplo TKT-000123).",
    step: {
      "open.subject": "O assunto é um resumo curto do problema, por exemplo: Nota fiscal rejeitada.",
      "open.department": "O departamento define quem vai atender seu chamado.",
      "open.priority":
        "Alta: seu trabalho está parado. Média: atrapalha, mas dá para seguir. Baixa: dúvida ou ajuste.",
      "open.type":
        "Suporte: dúvida ou pedido. Incidente: algo parou. Bug: erro no sistema. Melhoria: sugestão.",
      "open.message":
        "Conte o que aconteceu, desde quando e o que já tentou. O texto não é cortado: se passar do limite, peço para resumir.",
      "open.files":
        "Envie prints, PDFs, ZIPs ou textos, um de cada vez ou juntos. Quando terminar, escolha Concluir.",
      "open.similar":
        "Se for o mesmo problema, acrescento sua mensagem ao chamado existente em vez de abrir outro.",
      "open.summary":
        "Confira os dados. Confirmar abre o chamado; Editar muda um campo; Cancelar descarta tudo.",
      "open.edit": "Escolha o campo que quer corrigir; depois volto ao resumo.",
      "tickets.list": "Escolha um chamado para ver os detalhes, ou filtre por status.",
      "tickets.filter": "Abertos estão com o suporte; Respondidos aguardam você; Fechados foram encerrados.",
      "tickets.detail": "Você pode responder, pedir contato, encerrar ou avaliar o chamado.",
      "tickets.reply": "Sua resposta vai para o suporte no mesmo chamado. Pode enviar texto ou arquivos.",
      "tickets.close": "Encerrar avisa o suporte que o problema foi resolvido.",
      "rating.score": "1 é péssimo e 5 é ótimo.",
      "rating.comment": "O comentário é opcional e ajuda a melhorar o atendimento.",
      "offer.add": "Se a mensagem for sobre esse chamado, acrescento a ele; senão mostro o menu.",
      language: "Escolha o idioma em que prefere conversar.",
    },
  },
  session: {
    away: (next) =>
      next
        ? `Nosso atendimento está fora do horário agora e volta ${next}. Você pode abrir ou acompanhar um chamado por aqui mesmo; respondemos assim que voltarmos.`
        : "Nosso atendimento está fora do horário agora. Você pode abrir ou acompanhar um chamado por aqui mesmo; respondemos assim que voltarmos.",
    expired: (minutes) =>
      `Nossa conversa ficou parada por mais de ${minutes} minutos e foi encerrada. Quando quiser, é só mandar uma mensagem.`,
    corrupt: "Desculpe, perdi o fio da nossa conversa. Vamos recomeçar.",
    unreadable: "Não consegui ler essa mensagem. Tente de novo com um texto mais curto ou outro arquivo.",
    cancelled: "Tudo bem, cancelei. Nada foi registrado.",
    nothingToCancel: "Não há nada em andamento para cancelar.",
    backToMenu: "Certo, voltamos ao menu.",
    notRegistered: (who) =>
      `Este atendimento é exclusivo para contatos cadastrados. Peça ao seu contato no suporte para cadastrar ${who} e depois mande uma mensagem de novo.`,
    failed: "Desculpe, algo deu errado do nosso lado. Tente de novo em instantes.",
    browserLink: (url, minutes) =>
      `Seus chamados no navegador: ${url}\nEste link é só seu, funciona uma vez e expira em ${minutes} minutos.`,
    browserOff: "Não é possível abrir os chamados no navegador neste serviço.",
  },
  choice: {
    invalid: "Não reconheci essa opção. Responda com o número, o nome da opção ou tocando em um botão.",
    filesNotExpected: "Agora não estou esperando arquivos.",
  },
  open: {
    askSubject: (min, max) => `Qual é o assunto do chamado? (de ${min} a ${max} caracteres)`,
    askDepartment: "Para qual departamento?",
    askPriority: "Qual é a prioridade?",
    askType: "Qual é o tipo do chamado?",
    askMessage: (max) => `Descreva o problema (até ${max} caracteres).`,
    askFiles: (max, types) =>
      `Quer anexar arquivos? Envie até ${max} por chamado (${types.join(", ").toUpperCase()}) ou escolha Pular.`,
    moreFiles: (received, max) => `Recebi ${received} de ${max} arquivos. Envie mais ou escolha Concluir.`,
    filesReceived: (names) =>
      `Arquivo${names.length > 1 ? "s" : ""} recebido${names.length > 1 ? "s" : ""}: ${names.join(", ")}.`,
    filesFull: (max) => `Você já enviou o máximo de ${max} arquivos.`,
    filesExpected: "Envie um arquivo ou escolha Concluir ou Pular.",
    filesDone: "Concluir",
    filesSkip: "Pular",
    filesWhich: "Escolha um arquivo para remover ou adicione mais arquivos.",
    removeFile: (name) => `Remover ${name}`,
    addFiles: "Adicionar arquivos",
    keepFiles: "Manter como estão",
    fileRemoved: (name) => `Removi ${name}.`,
    similar: "Encontrei chamados abertos parecidos. É algum destes? Se for, acrescento sua mensagem a ele.",
    similarNone: "Não, abrir um novo",
    addedToExisting: (ref) => `Pronto! Acrescentei sua mensagem ao chamado ${ref}.`,
    summary: "Confira seu chamado:",
    noFiles: "nenhum",
    confirm: "Confirmar",
    edit: "Editar um campo",
    cancel: "Cancelar",
    editWhich: "Qual campo quer alterar?",
    created: (ref) => `Chamado ${ref} aberto! Avisaremos por aqui quando houver resposta.`,
  },
  tickets: {
    title: (filter, org) =>
      `${org ? "Chamados da organização" : "Seus chamados"}${filter === "all" ? "" : ` (${{ OPEN: "abertos", ANSWERED: "respondidos", CLOSED: "fechados" }[filter]})`}:`,
    empty: (filter) =>
      filter === "all"
        ? "Nenhum chamado por aqui ainda."
        : `Nenhum chamado ${{ OPEN: "aberto", ANSWERED: "respondido", CLOSED: "fechado" }[filter]}.`,
    more: (shown) => `Mostrando os ${shown} mais recentes. Filtre, pesquise ou envie o número de um chamado.`,
    lastReply: (at, who) => `última resposta ${at} (${who})`,
    created: (at) => `aberto em ${at}`,
    filter: "Filtrar",
    showOrg: "Da organização",
    showMine: "Só os meus",
    menu: "Menu",
    filterQuestion: "Quais chamados quer ver?",
    filterLabel: { all: "Todos", OPEN: "Abertos", ANSWERED: "Respondidos", CLOSED: "Fechados" },
    search: "Pesquisar",
    askSearch: "Digite palavras do assunto ou das mensagens (ou o número de um chamado) para pesquisar.",
    byPriority: "Por prioridade",
    byDepartment: "Por departamento",
    anyPriority: "Qualquer prioridade",
    anyDepartment: "Qualquer departamento",
    filterByQuestion: "Mostrar quais?",
    narrowedBy: (parts) => `Filtrado por: ${parts.join(" · ")}`,
    numbers: "Meus números",
    numbersText: (n) =>
      [
        n.org ? "Números da organização:" : "Seus números:",
        `Total de chamados: ${n.total}`,
        `Abertos: ${n.open}`,
        `Respondidos: ${n.answered}`,
        `Fechados: ${n.closed}`,
        `Alta prioridade (não fechados): ${n.high}`,
      ].join("\n"),
    detailQuestion: "O que deseja fazer?",
    fields: {
      status: "Status",
      priority: "Prioridade",
      department: "Departamento",
      type: "Tipo",
      requester: "Solicitante",
      opened: "Aberto em",
      lastReply: "Última resposta",
      readBySupport: "Lido pelo suporte",
      contactRequested: "Contato pedido em",
      rating: "Avaliação",
    },
    yes: "sim",
    no: "não",
    readAt: (at) => `sim, em ${at}`,
    none: "nenhuma",
    historyTitle: "Histórico",
    timeInStatusTitle: "Tempo em cada status",
    you: "Você",
    support: (name) => `${name} (suporte)`,
    event: {
      status: (from, to) => `status: ${from} → ${to}`,
      contactRequested: "pediu contato",
      contactDone: "contato feito",
      rated: (score, comment) => `avaliou com ${score}/5${comment ? `: ${comment}` : ""}`,
      files: (names) => `[anexos: ${names.join(", ")}]`,
    },
    reply: "Responder",
    requestContact: "Pedir contato",
    files: "Receber um arquivo",
    filesWhich: "Qual arquivo você quer receber?",
    fileSending: (name) => `Enviando ${name}…`,
    fileUnavailable: (name) => `${name} não pode mais ser enviado: não é mais um arquivo aceito.`,
    close: "Encerrar chamado",
    rate: "Avaliar",
    backToList: "Voltar à lista",
    askReply: (ref, max) => `Escreva sua resposta para ${ref} (até ${max} caracteres) ou envie arquivos.`,
    replied: (ref) => `Resposta enviada no chamado ${ref}.`,
    contactRequestedDone: (ref) =>
      `Pedido registrado: o suporte vai entrar em contato sobre o chamado ${ref}.`,
    confirmClose: (ref) => `Encerrar o chamado ${ref}? Use isto quando o problema estiver resolvido.`,
    closeYes: "Sim, encerrar",
    closeNo: "Não",
    closed: (ref) => `Chamado ${ref} encerrado.`,
  },
  rating: {
    ask: (ref, subject) => `Como você avalia o atendimento do chamado ${ref} (${subject})?`,
    scoreNames: ["Péssimo", "Ruim", "Regular", "Bom", "Ótimo"],
    askComment: (max) =>
      `Obrigado! Quer deixar um comentário (até ${max} caracteres)? Escreva ou escolha Pular.`,
    skip: "Pular",
    thanks: (ref) => `Avaliação do chamado ${ref} registrada. Obrigado!`,
  },
  offer: {
    addTo: (ref, subject) =>
      `Você tem um chamado aberto: ${ref} — ${subject}. Quer acrescentar esta mensagem a ele?`,
    yes: "Sim, acrescentar",
    no: "Não, ver o menu",
    added: (ref) => `Mensagem acrescentada ao chamado ${ref}.`,
  },
  language: {
    ask: "Escolha o idioma / Choose your language:",
    set: "Pronto, vou falar em português.",
  },
};
