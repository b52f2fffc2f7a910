import type { Lang } from "../../../core/i18n/index.js";

/** What `/ticket invite` answers an agent, per language. */
export interface InviteCatalogue {
  readonly usage: (command: string) => string;
  readonly agentsOnly: string;
  readonly telegram: (name: string, link: string, until: string) => string;
  readonly whatsapp: (name: string, code: string, until: string) => string;
}

const en: InviteCatalogue = {
  usage: (command) =>
    `Usage: \`${command} invite telegram|whatsapp ORGANIZATION-KEY Full name\` (e.g. \`${command} invite telegram acme Ana Souza\`).`,
  agentsOnly: "Only agents (members of the agents' channel) can invite contacts.",
  telegram: (name, link, until) =>
    `Invitation for ${name}: send them this link; opening it in Telegram activates them.\n${link}\nIt works once, until ${until}.`,
  whatsapp: (name, code, until) =>
    `Invitation for ${name}: ask them to send this code to our WhatsApp number.\n${code}\nIt works once, until ${until}.`,
};

const ptBR: InviteCatalogue = {
  usage: (command) =>
    `Uso: \`${command} convidar telegram|whatsapp CHAVE-DA-ORGANIZAÇÃO Nome completo\` (ex.: \`${command} convidar telegram acme Ana Souza\`).`,
  agentsOnly: "Só agentes (membros do canal de atendimento) podem convidar contatos.",
  telegram: (name, link, until) =>
    `Convite para ${name}: envie este link; ao abri-lo no Telegram, o acesso é ativado.\n${link}\nFunciona uma vez, até ${until}.`,
  whatsapp: (name, code, until) =>
    `Convite para ${name}: peça que envie este código ao nosso número de WhatsApp.\n${code}\nFunciona uma vez, até ${until}.`,
};

export const inviteCatalogues: Readonly<Record<Lang, InviteCatalogue>> = { "pt-BR": ptBR, en };
