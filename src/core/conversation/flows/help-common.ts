import { knowledgeCatalogues } from "../../i18n/knowledge-catalogue.js";
import type { KbEventKind } from "../../ports/knowledge-base.js";
import type { ConversationState, FlowState, StateOf } from "../state.js";
import type { Turn } from "../turn.js";

export type SuggestState = StateOf<"help.suggest">;
export type ArticleState = StateOf<"help.article">;

export const kbText = (turn: Turn) => knowledgeCatalogues[turn.lang];

/** The flow a state stands for, once language questions and suggestions are set aside. */
export const flowUnder = (state: ConversationState | null): FlowState | null =>
  state && "resume" in state ? state.resume : state;

/** Counted once per message and article: a redelivered message counts nothing twice. */
export const recordKb = async (turn: Turn, kind: KbEventKind, articles: readonly number[]): Promise<void> => {
  if (!turn.deps.knowledge || articles.length === 0) return;
  const at = turn.deps.clock.now();
  await turn.deps.knowledge.record(
    articles.map((articleId) => ({ kind, articleId, key: `${turn.sourceKey}:${kind}:${articleId}`, at })),
  );
};

/** The list again, from an article or when it is asked again. */
export const backToList = (state: ArticleState): SuggestState => ({
  step: "help.suggest",
  resume: state.resume,
  origin: state.origin,
  query: state.query,
  articles: state.articles,
  tickets: state.tickets,
  searched: true,
});
