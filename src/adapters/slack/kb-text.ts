import type { Lang } from "../../core/i18n/lang.js";

/** The knowledge base's words in Slack (the ticket form and the agents' threads). */
export const slackKbText: Readonly<
  Record<
    Lang,
    {
      readonly suggestions: string;
      readonly afterCreated: string;
      readonly articleMissing: (ref: string) => string;
    }
  >
> = {
  "pt-BR": {
    suggestions: "Artigos que podem responder antes de abrir o chamado:",
    afterCreated: "Enquanto a equipe responde, estes artigos podem ajudar:",
    articleMissing: (ref) => `Não há artigo publicado ${ref}: a resposta não foi enviada.`,
  },
  en: {
    suggestions: "Articles that may answer it before you open the ticket:",
    afterCreated: "While the team answers, these articles may help:",
    articleMissing: (ref) => `There is no published article ${ref}: the reply was not sent.`,
  },
};
