import type { Lang } from "../../core/i18n/lang.js";

/** The CLI's own words, in the run's language (`--lang` or DEFAULT_LANGUAGE), beside the core catalogue's. */
export interface CliLabels {
  readonly status: string;
  readonly priority: string;
  readonly department: string;
  readonly type: string;
  readonly requester: string;
  readonly via: string;
  readonly openedOn: string;
  readonly assignee: string;
  readonly created: string;
  readonly updated: string;
  readonly lastReply: string;
  readonly by: string;
  readonly readBySupport: string;
  readonly yes: string;
  readonly no: string;
  readonly contactRequested: string;
  readonly rating: string;
  readonly timeInStatus: string;
  readonly history: string;
  readonly noTickets: string;
  readonly nextPage: string;
  readonly agent: string;
  readonly requesterKind: string;
  readonly system: string;
  readonly internalNote: string;
  readonly changedStatus: string;
  readonly changedPriority: string;
  readonly movedDepartment: string;
  readonly assigned: string;
  readonly nobody: string;
  readonly askedContact: string;
  readonly readMessages: string;
  readonly rated: string;
  readonly deliveryFailed: string;
  readonly total: string;
  readonly open: string;
  readonly answered: string;
  readonly closed: string;
  readonly highPriority: string;
  readonly byStatus: string;
  readonly byDepartment: string;
  readonly createdTicket: string;
  readonly replied: string;
  readonly contactDone: string;
  readonly withdrewReply: string;
  readonly statusBackTo: string;
  readonly withdrawn: string;
  readonly tagged: string;
  readonly mergedInto: string;
  readonly mergedFrom: (ref: string) => string;
  readonly taggedTicket: string;
  readonly mergedTicket: string;
  readonly noTags: string;
  readonly savedFile: (file: string, path: string) => string;
  readonly noEntries: string;
  readonly noOrganizations: string;
  readonly noContacts: string;
  readonly registeredContact: string;
  readonly upToDate: (database: string) => string;
  readonly linkWorksOnce: (minutes: number) => string;
  readonly noSavedReplies: string;
  readonly savedReply: string;
  readonly deletedReply: string;
  /** "(pt-BR, then SOLVED)": the status a saved reply sets after it is sent. */
  readonly thenStatus: string;
  readonly contacts: ContactLabels;
  readonly apiKeys: ApiKeyLabels;
  readonly hours: HoursLabels;
  readonly privacy: PrivacyLabels;
  readonly telegram: TelegramLabels;
  readonly kb: KbLabels;
  readonly report: ReportLabels;
}

/** The `stats` report below the counts, and the knowledge-base figures. */
export interface ReportLabels {
  readonly period: (from: string | null, to: string | null) => string;
  readonly month: (month: string) => string;
  readonly all: string;
  readonly avg: string;
  readonly ratings: string;
  readonly average: string;
  readonly agent: (name: string | null) => string;
  readonly department: (code: string) => string;
  readonly firstResponse: string;
  readonly resolution: string;
  readonly met: string;
  readonly breached: string;
  readonly running: string;
  readonly intake: (opened: number) => string;
  readonly reached: string;
  readonly stopped: string;
  readonly knowledgeBase: string;
  readonly suggested: string;
  readonly opened: string;
  readonly deflected: string;
  readonly ticketsAfterSuggestion: string;
  readonly ticketsAfter: string;
  readonly neverHelped: string;
}

export interface HoursLabels {
  readonly none: string;
  readonly day: Readonly<Record<"sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat", string>>;
  readonly timeZone: string;
  readonly holidays: string;
  readonly openNow: string;
  readonly closedNow: (nextOpening: string | null) => string;
}

export interface PrivacyLabels {
  readonly unavailable: string;
  readonly exported: (file: string, contact: string, tickets: number, files: number) => string;
  readonly finished: (count: number) => string;
  readonly alreadyErased: (contact: string) => string;
  readonly erased: (contact: string, tickets: number, cancelled: number, files: number) => string;
}

export interface TelegramLabels {
  readonly checkPath: (path: string, url: string) => string;
  readonly webhookSet: (url: string, updates: string) => string;
  readonly refused: (reason: string) => string;
  readonly field: Readonly<
    Record<"bot" | "id" | "mode" | "webhook" | "pendingUpdates" | "lastError", string>
  >;
}

export interface KbLabels {
  readonly noArticle: (ref: string) => string;
  readonly noArticles: string;
  readonly noFrontMatter: string;
  readonly vanished: string;
  readonly action: Readonly<Record<"added" | "updated" | "refused", string>>;
  readonly noFiles: string;
  readonly language: string;
  readonly tags: string;
  readonly version: string;
}

/** register, link and the CHANNEL:ID references of contacts. */
export interface ContactLabels {
  readonly expectedRef: string;
  readonly channelOneOf: (channels: string) => string;
  readonly emptyId: string;
  readonly required: (option: string) => string;
  readonly orgKeyFormat: string;
  readonly otherOrganization: (contact: string, org: string, wanted: string) => string;
  readonly registered: (contact: string, name: string, admin: boolean, org: string) => string;
  readonly noSuchContact: (option: string) => string;
  readonly notFound: string;
  readonly activeState: (contact: string, active: boolean) => string;
  readonly sendLink: (link: string) => string;
  readonly sendCode: (text: string) => string;
  readonly worksOnce: (until: string) => string;
  readonly chatThroughService: (dataDir: string) => string;
  readonly chatOnItsOwn: (dataDir: string) => string;
  readonly linked: (contact: string, person: string, other: string) => string;
}

export interface ApiKeyLabels {
  readonly expectedAction: (usage: string) => string;
  readonly nameRequired: string;
  readonly oneScope: string;
  readonly noOrganization: (key: string) => string;
  readonly organization: (key: string) => string;
  readonly allOrganizations: string;
  readonly revokedOn: (date: string) => string;
  readonly active: string;
  readonly secretOnce: string;
  readonly none: string;
  readonly revokeExpectsId: string;
  readonly noActiveKey: (id: string) => string;
  readonly revoked: (id: string) => string;
}

const en: CliLabels = {
  status: "status",
  priority: "priority",
  department: "department",
  type: "type",
  requester: "requester",
  via: "via",
  openedOn: "opened on",
  assignee: "assignee",
  created: "created",
  updated: "updated",
  lastReply: "last reply",
  by: "by",
  readBySupport: "read by support",
  yes: "yes",
  no: "no",
  contactRequested: "contact requested",
  rating: "rating",
  timeInStatus: "time in status",
  history: "history",
  noTickets: "(no tickets)",
  nextPage: "next page",
  agent: "agent",
  requesterKind: "requester",
  system: "system",
  internalNote: "internal note",
  changedStatus: "changed status",
  changedPriority: "changed priority",
  movedDepartment: "moved department",
  assigned: "assigned",
  nobody: "nobody",
  askedContact: "asked to be contacted",
  readMessages: "read the requester's messages",
  rated: "rated",
  deliveryFailed: "delivery failed",
  total: "total",
  open: "open",
  answered: "answered",
  closed: "closed",
  highPriority: "high priority",
  byStatus: "by status",
  byDepartment: "by department",
  createdTicket: "created",
  replied: "replied",
  contactDone: "marked the requested contact done",
  withdrewReply: "withdrew a reply before it went out",
  statusBackTo: "status back to",
  withdrawn: "[withdrawn]",
  tagged: "tagged",
  mergedInto: "merged this ticket into",
  mergedFrom: (ref) => `merged ${ref} here`,
  taggedTicket: "tagged",
  mergedTicket: "merged into",
  noTags: "(no tags)",
  savedFile: (file, path) => `saved ${file} to ${path}`,
  noEntries: "(no entries)",
  noOrganizations: "(no organizations)",
  noContacts: "(no contacts)",
  registeredContact: "registered",
  upToDate: (database) => `database is up to date (${database})`,
  linkWorksOnce: (minutes) => `(works once, for ${minutes} minutes)`,
  noSavedReplies: "(none)",
  savedReply: "saved",
  deletedReply: "deleted",
  thenStatus: "then",
  contacts: {
    expectedRef: "expected CHANNEL:ID, e.g. telegram:12345 or console:ana",
    channelOneOf: (channels) => `channel must be one of ${channels}`,
    emptyId: "the ID after the channel is empty",
    required: (option) => `${option} is required`,
    orgKeyFormat: "expected an organization key of letters, digits, . _ : -",
    otherOrganization: (contact, org, wanted) =>
      `${contact} already belongs to organization "${org}". ` +
      `Register another contact in "${wanted}" and move this one with: link --contact ... --to ...`,
    registered: (contact, name, admin, org) =>
      `registered ${contact} (${name}) as ${admin ? "organization admin" : "member"} of ${org}`,
    noSuchContact: (option) =>
      `no such contact (${option}); a contact exists once it wrote to us or was registered`,
    linked: (contact, person, other) => `${contact} is now ${person} (same person as ${other})`,
    notFound: "no such contact",
    activeState: (contact, active) => `${contact} is ${active ? "active" : "deactivated"}`,
    sendLink: (link) => `Send this link to the person; opening it in Telegram activates them: ${link}`,
    sendCode: (text) => `Ask the person to send this code to the WhatsApp number: ${text}`,
    worksOnce: (until) => `It works once, until ${until}.`,
    chatThroughService: (dir) => `chatting through the service that serves ${dir}`,
    chatOnItsOwn: (dir) => `no service is running for ${dir}; this chat runs on its own until you start one`,
  },
  apiKeys: {
    expectedAction: (usage) => `expected create, list or revoke (${usage})`,
    nameRequired: "--name is required (1 to 100 characters)",
    oneScope: "give exactly one of --org KEY, --all or --admin",
    noOrganization: (key) => `no organization has the key "${key}"`,
    organization: (key) => `org ${key}`,
    allOrganizations: "all organizations",
    revokedOn: (date) => `revoked ${date}`,
    active: "active",
    secretOnce: "secret (shown only now; store it safely):",
    none: "(no API keys)",
    revokeExpectsId: "revoke expects the key's id (see api-key list)",
    noActiveKey: (id) => `no active API key has the id ${id}`,
    revoked: (id) => `revoked ${id}`,
  },
  hours: {
    none: "no business hours: BUSINESS_HOURS_FILE is not set, SLA clocks run around the clock",
    day: { sun: "sun", mon: "mon", tue: "tue", wed: "wed", thu: "thu", fri: "fri", sat: "sat" },
    timeZone: "time zone",
    holidays: "holidays",
    openNow: "open now",
    closedNow: (next) => `closed now; opens ${next ?? "not within a year"}`,
  },
  privacy: {
    unavailable: "export and erasure need a database (this storage keeps nothing)",
    exported: (file, contact, tickets, files) =>
      `wrote ${file}: contact ${contact}, ${tickets} ticket(s), ${files} file(s)`,
    finished: (count) => `finished ${count} erasure(s) that had been cut off`,
    alreadyErased: (contact) => `contact ${contact} was already erased`,
    erased: (contact, tickets, cancelled, files) =>
      `erased contact ${contact}: ${tickets} ticket(s) kept anonymized, ${cancelled} pending notification(s) cancelled, ${files} file(s) deleted`,
  },
  telegram: {
    checkPath: (path, url) => `note: the service receives updates at ${path}; check that ${url} reaches it`,
    webhookSet: (url, updates) => `webhook set to ${url} (updates: ${updates}); commands registered`,
    refused: (reason) => `Telegram refused: ${reason}`,
    field: {
      bot: "bot",
      id: "id",
      mode: "mode",
      webhook: "webhook",
      pendingUpdates: "pendingUpdates",
      lastError: "lastError",
    },
  },
  kb: {
    noArticle: (ref) => `no article ${ref}`,
    noArticles: "(no articles)",
    noFrontMatter: "no front matter (--- title: … ---)",
    vanished: "vanished",
    action: { added: "added", updated: "updated", refused: "refused" },
    noFiles: "(no .md files)",
    language: "language",
    tags: "tags",
    version: "version",
  },
  report: {
    period: (from, to) => `period: ${from ?? "beginning"} to ${to ?? "now"} (tickets created in it)`,
    month: (month) => `month ${month}`,
    all: "(all)",
    avg: "avg",
    ratings: "ratings",
    average: "average",
    agent: (name) => `agent ${name ?? "(unassigned)"}`,
    department: (code) => `department ${code}`,
    firstResponse: "first response",
    resolution: "resolution",
    met: "met",
    breached: "breached",
    running: "running",
    intake: (opened) => `intake: ${opened} opened by chat`,
    reached: "reached",
    stopped: "stopped",
    knowledgeBase: "knowledge base",
    suggested: "suggested",
    opened: "opened",
    deflected: "deflected",
    ticketsAfterSuggestion: "tickets after a suggestion",
    ticketsAfter: "tickets after",
    neverHelped: "never helped",
  },
};

const ptBR: CliLabels = {
  status: "status",
  priority: "prioridade",
  department: "departamento",
  type: "tipo",
  requester: "solicitante",
  via: "via",
  openedOn: "aberto por",
  assignee: "responsável",
  created: "criado",
  updated: "atualizado",
  lastReply: "última resposta",
  by: "por",
  readBySupport: "lido pelo suporte",
  yes: "sim",
  no: "não",
  contactRequested: "contato solicitado",
  rating: "avaliação",
  timeInStatus: "tempo em cada status",
  history: "histórico",
  noTickets: "(nenhum chamado)",
  nextPage: "próxima página",
  agent: "agente",
  requesterKind: "solicitante",
  system: "sistema",
  internalNote: "nota interna",
  changedStatus: "mudou o status",
  changedPriority: "mudou a prioridade",
  movedDepartment: "mudou o departamento",
  assigned: "atribuiu",
  nobody: "ninguém",
  askedContact: "pediu contato",
  readMessages: "leu as mensagens do solicitante",
  rated: "avaliou",
  deliveryFailed: "falha na entrega",
  total: "total",
  open: "abertos",
  answered: "respondidos",
  closed: "fechados",
  highPriority: "prioridade alta",
  byStatus: "por status",
  byDepartment: "por departamento",
  createdTicket: "criado",
  replied: "respondido",
  contactDone: "marcou como feito o contato pedido",
  withdrewReply: "retirou uma resposta antes do envio",
  statusBackTo: "status voltou para",
  withdrawn: "[retirada]",
  tagged: "marcou",
  mergedInto: "juntou este chamado ao",
  mergedFrom: (ref) => `juntou o ${ref} a este`,
  taggedTicket: "etiquetas atualizadas:",
  mergedTicket: "juntado a",
  noTags: "(nenhuma etiqueta)",
  savedFile: (file, path) => `${file} salvo em ${path}`,
  noEntries: "(nenhum registro)",
  noOrganizations: "(nenhuma organização)",
  noContacts: "(nenhum contato)",
  registeredContact: "cadastrado",
  upToDate: (database) => `o banco de dados está atualizado (${database})`,
  linkWorksOnce: (minutes) => `(vale uma vez, por ${minutes} minutos)`,
  noSavedReplies: "(nenhuma)",
  savedReply: "salva",
  deletedReply: "apagada",
  thenStatus: "depois",
  contacts: {
    expectedRef: "esperado CANAL:ID, p. ex. telegram:12345 ou console:ana",
    channelOneOf: (channels) => `o canal deve ser um de ${channels}`,
    emptyId: "o ID depois do canal está vazio",
    required: (option) => `${option} é obrigatório`,
    orgKeyFormat: "esperada uma chave de organização de letras, dígitos, . _ : -",
    otherOrganization: (contact, org, wanted) =>
      `${contact} já pertence à organização "${org}". ` +
      `Cadastre outro contato em "${wanted}" e mova este com: link --contact ... --to ...`,
    registered: (contact, name, admin, org) =>
      `${contact} (${name}) cadastrado como ${admin ? "administrador da organização" : "membro"} de ${org}`,
    noSuchContact: (option) =>
      `contato não encontrado (${option}); um contato existe depois de nos escrever ou de ser cadastrado`,
    linked: (contact, person, other) => `${contact} agora é ${person} (a mesma pessoa que ${other})`,
    notFound: "contato não encontrado",
    activeState: (contact, active) => `${contact} está ${active ? "ativo" : "desativado"}`,
    sendLink: (link) => `Envie este link para a pessoa; ao abri-lo no Telegram, ela fica ativa: ${link}`,
    sendCode: (text) => `Peça para a pessoa enviar este código ao número do WhatsApp: ${text}`,
    worksOnce: (until) => `Vale uma vez, até ${until}.`,
    chatThroughService: (dir) => `conversando pelo serviço que atende ${dir}`,
    chatOnItsOwn: (dir) =>
      `nenhum serviço está rodando para ${dir}; este chat funciona sozinho até você iniciar um`,
  },
  apiKeys: {
    expectedAction: (usage) => `esperado create, list ou revoke (${usage})`,
    nameRequired: "--name é obrigatório (1 a 100 caracteres)",
    oneScope: "informe exatamente um de --org CHAVE, --all ou --admin",
    noOrganization: (key) => `nenhuma organização tem a chave "${key}"`,
    organization: (key) => `org ${key}`,
    allOrganizations: "todas as organizações",
    revokedOn: (date) => `revogada ${date}`,
    active: "ativa",
    secretOnce: "segredo (mostrado só agora; guarde-o com segurança):",
    none: "(nenhuma chave de API)",
    revokeExpectsId: "revoke espera o id da chave (veja api-key list)",
    noActiveKey: (id) => `nenhuma chave de API ativa tem o id ${id}`,
    revoked: (id) => `revogada ${id}`,
  },
  hours: {
    none: "sem horário de atendimento: BUSINESS_HOURS_FILE não está definido, os prazos de SLA contam o dia todo",
    day: { sun: "dom", mon: "seg", tue: "ter", wed: "qua", thu: "qui", fri: "sex", sat: "sáb" },
    timeZone: "fuso horário",
    holidays: "feriados",
    openNow: "aberto agora",
    closedNow: (next) => `fechado agora; abre ${next ?? "só daqui a mais de um ano"}`,
  },
  privacy: {
    unavailable: "exportação e exclusão precisam de um banco de dados (este armazenamento não guarda nada)",
    exported: (file, contact, tickets, files) =>
      `${file} gravado: contato ${contact}, ${tickets} chamado(s), ${files} arquivo(s)`,
    finished: (count) => `${count} exclusão(ões) interrompida(s) concluída(s)`,
    alreadyErased: (contact) => `o contato ${contact} já tinha sido excluído`,
    erased: (contact, tickets, cancelled, files) =>
      `contato ${contact} excluído: ${tickets} chamado(s) mantido(s) anonimizado(s), ${cancelled} notificação(ões) pendente(s) cancelada(s), ${files} arquivo(s) apagado(s)`,
  },
  telegram: {
    checkPath: (path, url) =>
      `atenção: o serviço recebe as atualizações em ${path}; confira se ${url} chega até ele`,
    webhookSet: (url, updates) =>
      `webhook configurado para ${url} (atualizações: ${updates}); comandos registrados`,
    refused: (reason) => `o Telegram recusou: ${reason}`,
    field: {
      bot: "bot",
      id: "id",
      mode: "modo",
      webhook: "webhook",
      pendingUpdates: "pendentes",
      lastError: "último erro",
    },
  },
  kb: {
    noArticle: (ref) => `artigo ${ref} não encontrado`,
    noArticles: "(nenhum artigo)",
    noFrontMatter: "sem cabeçalho (--- title: … ---)",
    vanished: "sumiu",
    action: { added: "incluído", updated: "atualizado", refused: "recusado" },
    noFiles: "(nenhum arquivo .md)",
    language: "idioma",
    tags: "etiquetas",
    version: "versão",
  },
  report: {
    period: (from, to) =>
      `período: ${from ? `de ${from}` : "desde o início"} até ${to ?? "agora"} (chamados criados nele)`,
    month: (month) => `mês ${month}`,
    all: "(todos)",
    avg: "média",
    ratings: "avaliações",
    average: "média",
    agent: (name) => `agente ${name ?? "(sem responsável)"}`,
    department: (code) => `departamento ${code}`,
    firstResponse: "primeira resposta",
    resolution: "resolução",
    met: "cumpridos",
    breached: "estourados",
    running: "em andamento",
    intake: (opened) => `abertura: ${opened} abertos pelo chat`,
    reached: "chegaram",
    stopped: "pararam",
    knowledgeBase: "base de conhecimento",
    suggested: "sugeridos",
    opened: "abertos",
    deflected: "resolvidos sem chamado",
    ticketsAfterSuggestion: "chamados após uma sugestão",
    ticketsAfter: "chamados depois",
    neverHelped: "nunca ajudaram",
  },
};

export const cliLabels: Readonly<Record<Lang, CliLabels>> = { en, "pt-BR": ptBR };
