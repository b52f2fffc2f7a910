import type { z } from "zod";
import type { Lang } from "../../core/i18n/lang.js";

/** Why the CLI refused a command's arguments (exit code 2, with the usage), in the run's language. */
export interface UsageLabels {
  readonly missingTicket: string;
  readonly missingValue: string;
  readonly unknownValue: (what: string, given: string, allowed: string) => string;
  readonly missingDepartment: string;
  readonly giveToOrNone: string;
  readonly giveSetAddOrRemove: string;
  readonly giveInto: string;
  readonly missingSearchText: string;
  readonly notReadableFile: (path: string) => string;
  readonly fileTooLarge: (path: string, bytes: number) => string;
  readonly notReadableFolder: (path: string) => string;
  readonly unknownOptionValue: (option: string, given: string, allowed: string) => string;
  readonly unknownStatus: (given: string, statuses: string) => string;
  readonly oneOf: (allowed: string) => string;
  readonly date: string;
  readonly dayOrInstant: string;
  readonly sort: string;
  readonly number: (min: number, max: number) => string;
  readonly tooLong: (max: number) => string;
  readonly invalid: string;
  readonly atMost: (max: string) => string;
  readonly atLeast: (min: string) => string;
  readonly agentName: string;
  readonly wholeHours: string;
  readonly noOrganization: (option: string, key: string) => string;
  readonly requesterRef: (channels: string) => string;
  readonly noRequester: (contact: string) => string;
  readonly expectedAction: (actions: string) => string;
  readonly missingTicketOrFile: string;
  readonly fileExists: (path: string) => string;
  readonly cannotWrite: (path: string, code: string) => string;
  readonly missingSavedReply: string;
  readonly articleId: string;
  readonly importFolder: string;
  readonly contactOrId: string;
  readonly contactId: string;
  readonly eraseNeedsYes: string;
  readonly telegramToken: string;
  readonly webhookUrl: string;
  readonly pollingMode: string;
  readonly webLinkAs: string;
  readonly slackUser: string;
  readonly entryId: string;
  readonly invalidCursor: string;
}

const en: UsageLabels = {
  missingTicket: "missing ticket id",
  missingValue: "missing value",
  unknownValue: (what, given, allowed) => `unknown ${what} "${given}" (one of ${allowed})`,
  missingDepartment: "missing department",
  giveToOrNone: "give --to AGENT_ID or --none",
  giveSetAddOrRemove: "give --set, --add or --remove",
  giveInto: "give --into TICKET",
  missingSearchText: "missing search text",
  notReadableFile: (path) => `not a readable file: ${path}`,
  fileTooLarge: (path, bytes) => `${path} is over ${bytes} bytes`,
  notReadableFolder: (path) => `not a readable folder: ${path}`,
  unknownOptionValue: (option, given, allowed) => `${option}: unknown value "${given}" (one of ${allowed})`,
  unknownStatus: (given, statuses) => `unknown status "${given}" (open, answered, closed or ${statuses})`,
  oneOf: (allowed) => `expected one of ${allowed}`,
  date: "expected a date like 2026-01-31",
  dayOrInstant: "expects a day (2026-03-31) or an ISO instant with its offset",
  sort: "expected created|updated|number|priority[:asc|desc]",
  number: (min, max) => `expected a number from ${min} to ${max}`,
  tooLong: (max) => `expected 1 to ${max} characters`,
  invalid: "invalid value",
  atMost: (max) => `expected at most ${max}`,
  atLeast: (min) => `expected at least ${min}`,
  agentName: 'expected an agent name of up to 100 characters on one line, e.g. --as "Ana Souza"',
  wholeHours: "expected whole hours",
  noOrganization: (option, key) => `${option}: no organization "${key}" (list them with: orgs)`,
  requesterRef: (channels) =>
    `--requester: expected CHANNEL:ID (e.g. telegram:12345; channels ${channels}) or a person id`,
  noRequester: (contact) => `--requester: no contact ${contact} (list them with: contacts)`,
  expectedAction: (actions) => `expected ${actions}`,
  missingTicketOrFile: "missing ticket or file",
  fileExists: (path) => `${path} already exists; choose another with --out PATH`,
  cannotWrite: (path, code) => `cannot write ${path} (${code})`,
  missingSavedReply: "missing saved reply name",
  articleId: "expected an article id such as KB-12",
  importFolder: "import expects a folder",
  contactOrId: "give exactly one of --contact CHANNEL:ID or --id CONTACT_ID",
  contactId: "expected the contact's id (a UUID)",
  eraseNeedsYes: "erasure cannot be undone: add --yes to confirm",
  telegramToken: "TELEGRAM_BOT_TOKEN is not set",
  webhookUrl: "--url expects the service's public address, like https://support.example.com/telegram/webhook",
  pollingMode: "TELEGRAM_MODE is polling; set it to webhook to receive updates by webhook",
  webLinkAs: "--as must be agent or admin",
  slackUser: "--slack-user expects a Slack user id like U0123ABCD",
  entryId: "expected the id of an entry",
  invalidCursor: "--cursor: not a cursor this list gave out for this sort order; leave it out to start again",
};

const ptBR: UsageLabels = {
  missingTicket: "falta o número do chamado",
  missingValue: "falta o valor",
  unknownValue: (what, given, allowed) =>
    `${what}: valor desconhecido "${given}" (use um destes: ${allowed})`,
  missingDepartment: "falta o departamento",
  giveToOrNone: "informe --to ID_DO_AGENTE ou --none",
  giveSetAddOrRemove: "informe --set, --add ou --remove",
  giveInto: "informe --into CHAMADO",
  missingSearchText: "falta o texto da busca",
  notReadableFile: (path) => `não foi possível ler o arquivo: ${path}`,
  fileTooLarge: (path, bytes) => `${path} passa de ${bytes} bytes`,
  notReadableFolder: (path) => `não foi possível ler a pasta: ${path}`,
  unknownOptionValue: (option, given, allowed) =>
    `${option}: valor desconhecido "${given}" (use um destes: ${allowed})`,
  unknownStatus: (given, statuses) =>
    `status desconhecido "${given}" (use open, answered, closed ou ${statuses})`,
  oneOf: (allowed) => `use um destes: ${allowed}`,
  date: "use uma data como 2026-01-31",
  dayOrInstant: "use um dia (2026-03-31) ou um instante ISO com o fuso (2026-03-31T18:00:00-03:00)",
  sort: "use created|updated|number|priority[:asc|desc]",
  number: (min, max) => `use um número de ${min} a ${max}`,
  tooLong: (max) => `use de 1 a ${max} caracteres`,
  invalid: "valor inválido",
  atMost: (max) => `use no máximo ${max}`,
  atLeast: (min) => `use no mínimo ${min}`,
  agentName: 'use o nome de um agente, com até 100 caracteres e em uma linha, p. ex. --as "Ana Souza"',
  wholeHours: "use um número inteiro de horas",
  noOrganization: (option, key) =>
    `${option}: nenhuma organização com a chave "${key}" (veja as existentes com: orgs)`,
  requesterRef: (channels) =>
    `--requester: use CANAL:ID (p. ex. telegram:12345; canais ${channels}) ou o id de uma pessoa`,
  noRequester: (contact) => `--requester: nenhum contato ${contact} (veja os existentes com: contacts)`,
  expectedAction: (actions) => `use ${actions}`,
  missingTicketOrFile: "falta o chamado ou o arquivo",
  fileExists: (path) => `${path} já existe; escolha outro com --out CAMINHO`,
  cannotWrite: (path, code) => `não foi possível gravar ${path} (${code})`,
  missingSavedReply: "falta o nome da resposta pronta",
  articleId: "use o id de um artigo, como KB-12",
  importFolder: "import precisa de uma pasta",
  contactOrId: "informe só um destes: --contact CANAL:ID ou --id ID_DO_CONTATO",
  contactId: "use o id do contato (um UUID)",
  eraseNeedsYes: "a exclusão não pode ser desfeita: acrescente --yes para confirmar",
  telegramToken: "TELEGRAM_BOT_TOKEN não está definido",
  webhookUrl:
    "--url precisa do endereço público do serviço, como https://suporte.example.com/telegram/webhook",
  pollingMode: "TELEGRAM_MODE é polling; mude para webhook para receber as atualizações por webhook",
  webLinkAs: "--as deve ser agent ou admin",
  slackUser: "--slack-user precisa do id de um usuário do Slack, como U0123ABCD",
  entryId: "use o id de um registro",
  invalidCursor:
    "--cursor: este cursor não foi dado por esta lista nesta ordenação; omita-o para começar de novo",
};

export const usageLabels: Readonly<Record<Lang, UsageLabels>> = { en, "pt-BR": ptBR };

/** A refusal of a schema shared with other doors (whose messages are not the run's), in the run's words. */
export const issueText = (l: UsageLabels, issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case "invalid_value":
      return l.oneOf(issue.values.map(String).join(", "));
    case "too_big":
      return l.atMost(String(issue.maximum));
    case "too_small":
      return l.atLeast(String(issue.minimum));
    default:
      return l.invalid;
  }
};
