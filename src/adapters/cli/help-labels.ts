import type { Lang } from "../../core/i18n/lang.js";

/**
 * The words around every command, in the run's language: help, the usage shown with a refusal, and
 * node's argument errors told again. Commands' summaries live with the commands (`Command.summary`).
 */
export interface HelpLabels {
  readonly usage: string;
  readonly examples: string;
  readonly overviewUsage: string;
  readonly overviewHelp: string;
  readonly optionsOfEveryCommand: string;
  /** `--json`, `--as`, `--lang`, `--help`, as the help lists them. */
  readonly globalOptions: readonly (readonly [option: string, meaning: string])[];
  readonly globalOptionsWhere: string;
  readonly exitCodes: string;
  readonly more: (command: string) => string;
  readonly unknownCommand: (name: string) => string;
  readonly invalidLang: (langs: string) => string;
  readonly unknownOption: (option: string) => string;
  readonly missingValue: (option: string) => string;
  readonly noValueExpected: (option: string) => string;
  readonly unexpectedArgument: (argument: string) => string;
  /** DATA_DIR holds no database and no service serves one there (only `migrate` creates one). */
  readonly noDatabase: (dataDir: string) => string;
}

const RUN = "npm run --silent cli --";

const en: HelpLabels = {
  usage: "usage",
  examples: "examples",
  overviewUsage: `${RUN} <command> [options]`,
  overviewHelp: `${RUN} help <command>    (or <command> --help)`,
  optionsOfEveryCommand: "options of every command",
  globalOptions: [
    ["--json", "machine-readable output"],
    ['--as "NAME"', "the agent acting (default AGENT_NAME, else the support team)"],
    ["--lang pt-BR|en", "language of this run (default DEFAULT_LANGUAGE)"],
    ["--help", "this command's help"],
  ],
  globalOptionsWhere: "(before or after the command's name)",
  exitCodes:
    "exit codes: 0 done, 1 refused by the ticket rules (or not found), 2 bad arguments or configuration",
  more: (command) => `(more: ${RUN} help ${command})`,
  unknownCommand: (name) => `unknown command "${name}"`,
  invalidLang: (langs) => `--lang: expected one of ${langs}`,
  unknownOption: (option) => `unknown option ${option}`,
  missingValue: (option) => `${option} expects a value`,
  noValueExpected: (option) => `${option} takes no value`,
  unexpectedArgument: (argument) => `unexpected argument "${argument}"`,
  noDatabase: (dataDir) =>
    `no chamado database in ${dataDir} and no service serving one there. Start the service first (npm start), ` +
    "or point DATA_DIR at the service's data directory (relative paths start at the working directory), " +
    `or create an empty one here with: ${RUN} migrate`,
};

const ptBR: HelpLabels = {
  usage: "uso",
  examples: "exemplos",
  overviewUsage: `${RUN} <comando> [opções]`,
  overviewHelp: `${RUN} help <comando>    (ou <comando> --help)`,
  optionsOfEveryCommand: "opções de todos os comandos",
  globalOptions: [
    ["--json", "saída em JSON, para programas"],
    ['--as "NOME"', "o agente que executa (padrão: AGENT_NAME; sem ele, a equipe de suporte)"],
    ["--lang pt-BR|en", "idioma desta execução (padrão: DEFAULT_LANGUAGE)"],
    ["--help", "a ajuda do comando"],
  ],
  globalOptionsWhere: "(antes ou depois do nome do comando)",
  exitCodes:
    "códigos de saída: 0 concluído, 1 recusado pelas regras do chamado (ou não encontrado), 2 argumentos ou configuração inválidos",
  more: (command) => `(mais: ${RUN} help ${command})`,
  unknownCommand: (name) => `comando desconhecido "${name}"`,
  invalidLang: (langs) => `--lang: use um destes: ${langs}`,
  unknownOption: (option) => `opção desconhecida ${option}`,
  missingValue: (option) => `${option} precisa de um valor`,
  noValueExpected: (option) => `${option} não aceita valor`,
  unexpectedArgument: (argument) => `argumento inesperado "${argument}"`,
  noDatabase: (dataDir) =>
    `nenhum banco de dados do chamado em ${dataDir}, e nenhum serviço atendendo um ali. Inicie o serviço antes (npm start), ` +
    "aponte DATA_DIR para a pasta de dados do serviço (caminhos relativos partem da pasta atual) " +
    `ou crie um banco vazio aqui com: ${RUN} migrate`,
};

export const helpLabels: Readonly<Record<Lang, HelpLabels>> = { en, "pt-BR": ptBR };
