import type { Lang } from "./lang.js";

/** The knowledge base's sentences in chat (suggestions, reading an article); kept apart from the flows' catalogue. */
export interface KnowledgeCatalogue {
  /** Typed at any time with words after them: "buscar ajuda boleto". Both languages are understood. */
  readonly searchWords: readonly string[];
  readonly askWhat: string;
  readonly suggestions: string;
  readonly searchResults: (words: string) => string;
  readonly nothingFound: (words: string) => string;
  readonly articleOption: string;
  readonly ticketOption: string;
  /** Short enough for a WhatsApp button (20 characters). */
  readonly stillNeedHelp: string;
  /** Also understood as "I still need help". */
  readonly stillNeedHelpWords: readonly string[];
  readonly openTicket: string;
  readonly solved: string;
  readonly otherSuggestions: string;
  readonly didItHelp: string;
  readonly glad: string;
  readonly articleGone: string;
}

const ptBR: KnowledgeCatalogue = {
  searchWords: ["buscar ajuda", "procurar ajuda", "pesquisar ajuda"],
  askWhat: "Sobre o que você precisa de ajuda? Escreva algumas palavras.",
  suggestions:
    "Antes de continuar, veja se isto responde (as respostas da nossa base e seus chamados parecidos):",
  searchResults: (words) => `Encontrei isto para "${words}":`,
  nothingFound: (words) => `Não encontrei artigos para "${words}".`,
  articleOption: "Artigo",
  ticketOption: "Seu chamado",
  stillNeedHelp: "Preciso de ajuda",
  stillNeedHelpWords: ["ainda preciso de ajuda", "nao resolveu", "continuar"],
  openTicket: "Abrir um chamado",
  solved: "Isto resolveu",
  otherSuggestions: "Outras sugestões",
  didItHelp: "Isto resolveu sua dúvida?",
  glad: "Que bom que resolveu! Nenhum chamado foi aberto.",
  articleGone: "Este artigo não está mais disponível.",
};

const en: KnowledgeCatalogue = {
  searchWords: ["search help", "find help", "search for help"],
  askWhat: "What do you need help with? Type a few words.",
  suggestions:
    "Before we go on, see whether one of these answers it (our help articles and your similar tickets):",
  searchResults: (words) => `Here is what I found for "${words}":`,
  nothingFound: (words) => `I found no articles for "${words}".`,
  articleOption: "Article",
  ticketOption: "Your ticket",
  stillNeedHelp: "I still need help",
  stillNeedHelpWords: ["still need help", "not solved", "continue"],
  openTicket: "Open a ticket",
  solved: "This solved it",
  otherSuggestions: "Other suggestions",
  didItHelp: "Did this solve it?",
  glad: "Glad it is solved! No ticket was opened.",
  articleGone: "This article is no longer available.",
};

export const knowledgeCatalogues: Readonly<Record<Lang, KnowledgeCatalogue>> = { "pt-BR": ptBR, en };
