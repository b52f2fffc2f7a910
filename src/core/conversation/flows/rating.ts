import { LIMITS } from "../../ticket/commands.js";
import { isClosed } from "../../ticket/status.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import { globalOptionId } from "../option-ids.js";
import type { Prompt } from "../prompt.js";
import type { StateOf } from "../state.js";
import { lookup, refOf } from "../ticket-views.js";
import {
  type Asked,
  coreError,
  goTo,
  invalidChoice,
  type Outcome,
  type Step,
  stay,
  type Turn,
  text,
} from "../turn.js";

const SCORES = [1, 2, 3, 4, 5] as const;

/** Score options carry global ids, so the same buttons work in a notification sent long after the chat moved on. */
const scoreChoices = (turn: Turn, ticket: number): Choice<number>[] =>
  SCORES.map((score) => ({
    id: globalOptionId({ kind: "rate", ticket, score }),
    label: `${score} - ${turn.t.rating.scoreNames[score - 1]}`,
    aliases: everyLanguage((t) => t.rating.scoreNames[score - 1] ?? String(score)),
    value: score,
  }));

/** The rating question for a ticket, for the engine and for a notification asking for it. */
export const ratingPrompt = (turn: Turn, ticket: { number: number; subject: string }): Prompt => ({
  kind: "choice",
  text: turn.t.rating.ask(refOf(ticket), ticket.subject),
  options: toOptions(scoreChoices(turn, ticket.number)),
});

/** Whether the contact may rate the ticket now: visible to them, closed and not rated yet. */
export const checkRatable = async (turn: Turn, ticketNumber: number) => {
  const found = await turn.deps.service.detail(turn.actor, lookup(ticketNumber));
  if (!found.ok) return { ok: false as const, prompt: coreError(turn, found.error) };
  const { ticket } = found.value;
  if (!isClosed(ticket.status))
    return {
      ok: false as const,
      prompt: coreError(turn, { code: "RATING_NOT_ALLOWED", reason: "NOT_CLOSED" }),
    };
  if (ticket.rating)
    return {
      ok: false as const,
      prompt: coreError(turn, { code: "RATING_NOT_ALLOWED", reason: "ALREADY_RATED" }),
    };
  return { ok: true as const, ticket };
};

/** A score from a button anywhere: re-authorized, then the optional comment is asked. */
export const startRatingWithScore = async (turn: Turn, ticket: number, score: number): Promise<Outcome> => {
  const ratable = await checkRatable(turn, ticket);
  if (!ratable.ok) return goTo(null, ratable.prompt);
  return goTo({ step: "rating.comment", ticket, score });
};

export const ratingScoreStep: Step<StateOf<"rating.score">> = {
  async ask(turn, state): Promise<Asked> {
    const ratable = await checkRatable(turn, state.ticket);
    if (!ratable.ok) return { prompts: [ratable.prompt], state: null };
    return { prompts: [ratingPrompt(turn, ratable.ticket)], state };
  },
  async answer(turn, state, input) {
    const picked = matchChoice(input, scoreChoices(turn, state.ticket));
    if (!picked) return invalidChoice(turn, state);
    return goTo({ step: "rating.comment", ticket: state.ticket, score: picked.value });
  },
  back: async () => goTo(null),
};

/** Records a rating; also used when the comment step expires, so a given score is never lost. */
export const saveRating = (
  turn: Pick<Turn, "deps" | "actor">,
  ticket: number,
  score: number,
  comment?: string,
) => turn.deps.service.rate(turn.actor, lookup(ticket), { score, ...(comment ? { comment } : {}) });

const skipChoice = (turn: Turn): Choice<null>[] => [
  {
    id: "comment.skip",
    label: turn.t.rating.skip,
    aliases: everyLanguage((t) => t.rating.skip),
    value: null,
  },
];

export const ratingCommentStep: Step<StateOf<"rating.comment">> = {
  ask: async (turn, state) => ({
    prompts: [
      {
        kind: "choice",
        text: turn.t.rating.askComment(LIMITS.ratingComment.max),
        options: toOptions(skipChoice(turn)),
      },
    ],
    state,
  }),
  async answer(turn, state, input) {
    if (input.kind === "files" || input.kind === "command") return invalidChoice(turn, state);
    const skipped = matchChoice(input, skipChoice(turn)) !== null;
    if (!skipped && input.kind !== "text") return invalidChoice(turn, state);
    const comment = !skipped && input.kind === "text" ? input.text : undefined;
    const rated = await saveRating(turn, state.ticket, state.score, comment);
    if (rated.ok) return goTo(null, text(turn.t.rating.thanks(refOf(rated.value))));
    return rated.error.code === "VALIDATION_FAILED"
      ? stay(state, coreError(turn, rated.error))
      : goTo(null, coreError(turn, rated.error));
  },
  back: async (_turn, state) => goTo({ step: "rating.score", ticket: state.ticket }),
};
