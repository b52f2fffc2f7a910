import type { Lang } from "./lang.js";

/** What a contact hears about its access: invitations and deactivation. */
export interface AccessCatalogue {
  readonly welcome: (name: string, organization: string) => string;
  readonly invalidCode: string;
  readonly deactivated: string;
}

const en: AccessCatalogue = {
  welcome: (name, organization) =>
    `Welcome, ${name}! Your access for ${organization} is active. Send "menu" to open or follow a ticket.`,
  invalidCode:
    "This invitation code is not valid: it may have expired, been used already, or be meant for another app. Ask your support contact for a new one.",
  deactivated:
    "Your access to support here has been deactivated, so this message was not recorded. If you think this is a mistake, ask your support contact to invite you again.",
};

const ptBR: AccessCatalogue = {
  welcome: (name, organization) =>
    `Boas-vindas, ${name}! Seu acesso pela ${organization} está ativo. Envie "menu" para abrir ou acompanhar um chamado.`,
  invalidCode:
    "Este código de convite não é válido: ele pode ter expirado, já ter sido usado ou ser de outro aplicativo. Peça um novo ao seu contato no suporte.",
  deactivated:
    "Seu acesso ao atendimento por aqui foi desativado, então esta mensagem não foi registrada. Se achar que é um engano, peça ao seu contato no suporte um novo convite.",
};

export const accessCatalogues: Readonly<Record<Lang, AccessCatalogue>> = { "pt-BR": ptBR, en };
