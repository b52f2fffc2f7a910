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
};

export const cliLabels: Readonly<Record<Lang, CliLabels>> = { en, "pt-BR": ptBR };
