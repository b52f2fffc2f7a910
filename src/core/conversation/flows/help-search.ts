import { knowledgeCatalogues } from "../../i18n/knowledge-catalogue.js";
import { LANGS } from "../../i18n/lang.js";
import { fold } from "../../shared/fold.js";
import type { InboundInput } from "../inbound.js";
import type { ConversationState, StateOf } from "../state.js";
import { goTo, invalidChoice, type Outcome, type Step, text } from "../turn.js";
import { flowUnder, kbText } from "./help-common.js";

const SEARCH_WORDS = LANGS.flatMap((l) => knowledgeCatalogues[l].searchWords.map(fold)).sort(
  (a, b) => b.length - a.length,
);
const MAX_WORDS = 200;

/** "buscar ajuda boleto" / "search help invoice" at any step: the words after the phrase, maybe none. */
export const recognizeHelpSearch = (input: InboundInput): { words: string } | null => {
  if (input.kind !== "text") return null;
  const typed = input.text.trim().replace(/^\//, "");
  const folded = fold(typed);
  const phrase = SEARCH_WORDS.find(
    (w) => folded === w || folded.startsWith(`${w} `) || folded.startsWith(`${w}:`),
  );
  if (!phrase) return null;
  // Folding keeps the length of letters it strips accents from only after NFD; cut by words instead.
  const count = phrase.split(" ").length;
  const words = typed.split(/\s+/).slice(count).join(" ").replace(/^:\s*/, "").trim();
  return { words: words.slice(0, MAX_WORDS) };
};

/** A search the person asked for: the flow they were in waits, untouched, for "I still need help". */
export const startHelpSearch = (_turn: unknown, state: ConversationState | null, words: string): Outcome => {
  const resume = flowUnder(state);
  if (!words) return goTo({ step: "help.ask", resume });
  return goTo({
    step: "help.suggest",
    resume,
    origin: "search",
    query: words,
    articles: [],
    tickets: [],
    searched: false,
  });
};

/** "What do you need help with?" after the search phrase alone. */
export const askHelpStep: Step<StateOf<"help.ask">> = {
  ask: async (turn, state) => ({ prompts: [text(kbText(turn).askWhat)], state }),
  async answer(turn, state, input) {
    const words = input.kind === "text" ? input.text.trim() : "";
    if (!words) return invalidChoice(turn, state);
    return startHelpSearch(turn, state.resume, words.slice(0, MAX_WORDS));
  },
  back: async (_turn, state) => goTo(state.resume),
};
