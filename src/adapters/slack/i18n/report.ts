import type { Lang } from "../../../core/i18n/index.js";

/** The words of the report on the agents' Home tab, per language. */
export interface ReportCatalogue {
  readonly title: (days: number) => string;
  readonly timeInStatus: string;
  readonly statusLine: (label: string, average: string, p90: string, tickets: number) => string;
  readonly ratings: string;
  readonly ratingSummary: (count: number, average: string) => string;
  readonly agentLine: (name: string, count: number, average: string) => string;
  readonly unassigned: string;
  readonly sla: string;
  readonly slaLine: (clock: string, met: number, breached: number, running: number) => string;
  readonly firstResponse: string;
  readonly resolution: string;
  readonly intake: string;
  readonly intakeSummary: (opened: number) => string;
  readonly stoppedLine: (step: string, stopped: number, reached: number) => string;
  readonly steps: Readonly<Record<string, string>>;
  readonly none: string;
}

const en: ReportCatalogue = {
  title: (days) => `Last ${days} days`,
  timeInStatus: "Time in status",
  statusLine: (label, average, p90, tickets) =>
    `${label}: average ${average}, p90 ${p90} (${tickets === 1 ? "1 ticket" : `${tickets} tickets`})`,
  ratings: "Ratings",
  ratingSummary: (count, average) => (count === 0 ? "No ratings." : `${count} rated, average ${average} ★`),
  agentLine: (name, count, average) => `${name}: ${count}, average ${average} ★`,
  unassigned: "Unassigned",
  sla: "SLA",
  slaLine: (clock, met, breached, running) =>
    `${clock}: ${met} met, ${breached} breached, ${running} running`,
  firstResponse: "First response",
  resolution: "Resolution",
  intake: "Intake by chat",
  intakeSummary: (opened) => `${opened} opened`,
  stoppedLine: (step, stopped, reached) => `${step}: ${stopped} stopped of ${reached} that got there`,
  steps: {
    subject: "Subject",
    department: "Department",
    priority: "Priority",
    type: "Type",
    message: "Message",
    files: "Files",
    similar: "Similar tickets",
    summary: "Summary",
    edit: "Editing",
  },
  none: "Nothing yet.",
};

const ptBR: ReportCatalogue = {
  title: (days) => `Últimos ${days} dias`,
  timeInStatus: "Tempo em cada status",
  statusLine: (label, average, p90, tickets) =>
    `${label}: média ${average}, p90 ${p90} (${tickets === 1 ? "1 chamado" : `${tickets} chamados`})`,
  ratings: "Avaliações",
  ratingSummary: (count, average) =>
    count === 0
      ? "Nenhuma avaliação."
      : `${count} ${count === 1 ? "avaliação" : "avaliações"}, média ${average} ★`,
  agentLine: (name, count, average) => `${name}: ${count}, média ${average} ★`,
  unassigned: "Sem responsável",
  sla: "SLA",
  slaLine: (clock, met, breached, running) =>
    `${clock}: ${met} no prazo, ${breached} estourados, ${running} em andamento`,
  firstResponse: "Primeira resposta",
  resolution: "Resolução",
  intake: "Abertura pelo chat",
  intakeSummary: (opened) => `${opened} ${opened === 1 ? "aberto" : "abertos"}`,
  stoppedLine: (step, stopped, reached) =>
    `${step}: ${stopped} ${stopped === 1 ? "parou" : "pararam"}, de ${reached} que chegaram`,
  steps: {
    subject: "Assunto",
    department: "Departamento",
    priority: "Prioridade",
    type: "Tipo",
    message: "Mensagem",
    files: "Arquivos",
    similar: "Chamados parecidos",
    summary: "Resumo",
    edit: "Edição",
  },
  none: "Nada ainda.",
};

export const reportCatalogues: Readonly<Record<Lang, ReportCatalogue>> = { "pt-BR": ptBR, en };
