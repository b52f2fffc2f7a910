import { recognizeHelpSearch, startHelpSearch } from "./flows/help-search.js";
import { setLanguage } from "./flows/language.js";
import { answerMenu, menuPrompt, startOf } from "./flows/menu.js";
import { startRatingWithScore } from "./flows/rating.js";
import type { InboundInput } from "./inbound.js";
import { type Intent, recognize } from "./intents.js";
import type { Prompt } from "./prompt.js";
import { type ConversationState, type FlowState, flowAndStep, type StepName } from "./state.js";
import { stepOf } from "./steps.js";
import { error, goTo, type Outcome, type Turn, text } from "./turn.js";

/** Steps that accept attachments; anywhere else files are refused and the question repeated. */
const TAKES_FILES: ReadonlySet<StepName> = new Set(["open.message", "open.files", "tickets.reply"]);

const flowName = (state: ConversationState | null) => (state ? flowAndStep(state.step).flow : null);

/** Leaves the current flow for another one (or the menu); leaving a flow unfinished is an abandonment. */
const switchTo = (
  state: ConversationState | null,
  next: ConversationState | null,
  say: Prompt[] = [],
): Outcome => {
  const left = state !== null && flowName(state) !== flowName(next);
  return { say, next, ...(left ? { abandoned: "switched" as const } : {}) };
};

/** The flow under a language question or a knowledge-base suggestion. */
const withoutLanguage = (state: ConversationState | null): FlowState | null =>
  state && "resume" in state ? state.resume : state;

const applyIntent = async (turn: Turn, state: ConversationState | null, intent: Intent): Promise<Outcome> => {
  switch (intent.kind) {
    case "cancel":
      return state
        ? { say: [text(turn.t.session.cancelled)], next: null, abandoned: "cancel" }
        : goTo(null, text(turn.t.session.nothingToCancel));
    case "back":
      return state ? stepOf(state).back(turn, state) : goTo(null);
    case "help":
      return goTo(
        state,
        text(state ? (turn.t.help.step[state.step] ?? turn.t.help.general) : turn.t.help.general),
      );
    case "menu":
      return state
        ? switchTo(state, null, [text(turn.t.session.backToMenu)])
        : { say: [], next: null, menu: "greeting" };
    case "language": {
      const resume = withoutLanguage(state);
      return intent.lang ? setLanguage(turn, intent.lang, resume) : goTo(startOf("language", resume));
    }
    case "newTicket":
      return switchTo(state, startOf("newTicket", null));
    case "myTickets":
      return switchTo(state, startOf("myTickets", null));
    case "browser": {
      // The flow in progress stays where it was: the link is an aside.
      const link = turn.deps.webLink?.(turn.contact.id) ?? null;
      return goTo(
        state,
        text(link ? turn.t.session.browserLink(link.url, link.minutes) : turn.t.session.browserOff),
      );
    }
    case "ticket":
      return switchTo(state, { step: "tickets.detail", ticket: intent.ticket, view: null, offered: [] });
    case "global": {
      const { action } = intent;
      if (action.kind === "view")
        return switchTo(state, { step: "tickets.detail", ticket: action.ticket, view: null, offered: [] });
      if (action.kind === "reply")
        return switchTo(state, { step: "tickets.reply", ticket: action.ticket, view: null });
      const rating = await startRatingWithScore(turn, action.ticket, action.score);
      return rating.next ? switchTo(state, rating.next, [...rating.say]) : { ...rating, next: state };
    }
  }
};

/**
 * Answers one input: words and commands that mean the same everywhere first, then the current step
 * (or the menu when no flow is in progress). An unreadable input is refused and the question repeated.
 */
export const converse = async (
  turn: Turn,
  state: ConversationState | null,
  input: InboundInput | null,
): Promise<Outcome> => {
  if (input === null) {
    turn.deps.onRefused?.(turn.contact.channel, "UNREADABLE");
    return goTo(state, error(turn.t.session.unreadable));
  }
  const search = recognizeHelpSearch(input);
  if (search) return startHelpSearch(turn, state, search.words);
  const intent = recognize(input, state);
  if (intent) return applyIntent(turn, state, intent);
  if (state === null) return answerMenu(turn, input);
  if (input.kind === "files" && !TAKES_FILES.has(state.step))
    return goTo(state, error(turn.t.choice.filesNotExpected));
  return stepOf(state).answer(turn, state, input);
};

export interface Presented {
  readonly prompts: Prompt[];
  readonly state: ConversationState | null;
}

/** The outcome's messages, then the question of the state it leads to, or the menu when no flow goes on. */
export const present = async (turn: Turn, outcome: Outcome): Promise<Presented> => {
  const prompts = [...outcome.say];
  let state = outcome.next;
  if (state) {
    const asked = await stepOf(state).ask(turn, state);
    prompts.push(...asked.prompts);
    state = asked.state;
  }
  if (state === null) prompts.push(menuPrompt(turn, outcome.menu ?? "more"));
  return { prompts, state };
};
