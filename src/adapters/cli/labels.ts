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
  readonly contacts: ContactLabels;
  readonly apiKeys: ApiKeyLabels;
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
};

export const cliLabels: Readonly<Record<Lang, CliLabels>> = { en, "pt-BR": ptBR };
