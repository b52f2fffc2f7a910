import { conversationCatalogues } from "../../i18n/index.js";
import { LANGS, type Lang, langFromLocale } from "../../i18n/lang.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import type { ConversationState, StateOf } from "../state.js";
import { goTo, invalidChoice, type Outcome, type Step, type Turn, text } from "../turn.js";

const languageChoices = (): Choice<Lang>[] =>
  LANGS.map((lang) => ({
    id: `lang.${lang}`,
    label: conversationCatalogues[lang].languageName,
    aliases: lang === "pt-BR" ? ["portugues", "pt", "pt-br", "ptbr"] : ["english", "ingles", "en"],
    value: lang,
  }));

/** Stores the contact's language and continues where they were, now in that language. */
export const setLanguage = async (
  turn: Turn,
  lang: Lang,
  resume: ConversationState | null,
): Promise<Outcome> => {
  await turn.deps.directory.setLocale(turn.contact.id, lang);
  return { say: [text(conversationCatalogues[lang].language.set)], next: resume, lang };
};

/** "language en", "/language pt": a language given with the command is set at once. */
export const languageFromArgument = (arg: string | undefined): Lang | null => {
  if (!arg) return null;
  return matchChoice({ kind: "text", text: arg }, languageChoices())?.value ?? langFromLocale(arg);
};

export const languageStep: Step<StateOf<"language">> = {
  ask: async (turn, state) => ({
    prompts: [{ kind: "choice", text: turn.t.language.ask, options: toOptions(languageChoices()) }],
    state,
  }),
  async answer(turn, state, input) {
    const picked = matchChoice(input, languageChoices());
    if (!picked) return invalidChoice(turn, state);
    return setLanguage(turn, picked.value, state.resume);
  },
  back: async (_turn, state) => goTo(state.resume),
};
