import { knowledgeCatalogues } from "../../i18n/knowledge-catalogue.js";
import { articleChatText, splitForChat } from "../../knowledge/chat-text.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import type { Prompt } from "../prompt.js";
import { goTo, invalidChoice, type Step, type Turn, text } from "../turn.js";
import { type ArticleState, backToList, kbText, recordKb } from "./help-common.js";
import { suggestStep } from "./help-suggest.js";
import { newTicketState } from "./open-common.js";

type Answer = "solved" | "continue" | "list";

const continueWords = Object.values(knowledgeCatalogues).flatMap((c) => [
  c.stillNeedHelp,
  c.openTicket,
  ...c.stillNeedHelpWords,
]);

const answers = (turn: Turn, state: ArticleState): Choice<Answer>[] => {
  const t = kbText(turn);
  const others = state.articles.length + state.tickets.length > 1;
  return [
    {
      id: "kb.solved",
      label: t.solved,
      aliases: [...everyLanguage((c) => c.words.yes), t.solved],
      value: "solved" as const,
    },
    {
      id: "kb.more",
      label: state.resume ? t.stillNeedHelp : t.openTicket,
      aliases: [...everyLanguage((c) => c.words.no), ...continueWords],
      value: "continue" as const,
    },
    ...(others ? [{ id: "kb.list", label: t.otherSuggestions, value: "list" as const }] : []),
  ];
};

/** One article in the chat, in parts each platform takes, then: did it solve it? */
export const articleStep: Step<ArticleState> = {
  async ask(turn, state) {
    const article = await turn.deps.knowledge?.get(state.article);
    if (article?.status !== "PUBLISHED") {
      const listed = await suggestStep.ask(turn, {
        ...backToList(state),
        articles: state.articles.filter((a) => a !== state.article),
      });
      return { prompts: [text(kbText(turn).articleGone), ...listed.prompts], state: listed.state };
    }
    const parts = splitForChat(`${article.title}\n\n${articleChatText(article.body)}`);
    const question: Prompt = {
      kind: "choice",
      text: kbText(turn).didItHelp,
      options: toOptions(answers(turn, state)),
    };
    return { prompts: [...parts.map(text), question], state };
  },
  async answer(turn, state, input) {
    const picked = matchChoice(input, answers(turn, state));
    if (!picked) return invalidChoice(turn, state);
    if (picked.value === "list") return goTo(backToList(state));
    if (picked.value === "continue") return goTo(state.resume ?? newTicketState());
    await recordKb(turn, "DEFLECTED", [state.article]);
    return { say: [text(kbText(turn).glad)], next: null };
  },
  back: async (_turn, state) => goTo(backToList(state)),
};
