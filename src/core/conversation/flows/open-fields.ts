import { z } from "zod";
import { LIMITS } from "../../ticket/commands.js";
import { text as textField, validate } from "../../ticket/validation.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import type { InboundInput } from "../inbound.js";
import type { Prompt } from "../prompt.js";
import { stashFiles } from "../stash.js";
import type { StateOf, TicketDraft } from "../state.js";
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
import { suggestBefore } from "./help-suggest.js";
import {
  afterField,
  beforeField,
  departmentChoices,
  type FieldStep,
  priorityChoices,
  typeChoices,
} from "./open-common.js";

type TextField = "subject" | "message";
const textSchema = {
  subject: z.object({ subject: textField(LIMITS.subject.min, LIMITS.subject.max) }),
  message: z.object({ message: textField(LIMITS.message.min, LIMITS.message.max) }),
};

/** Checks a typed answer with the ticket command's own rules; a refusal names the field, the limit and the count. */
const checkText = (turn: Turn, field: TextField, value: string) => {
  const checked = validate(textSchema[field], { [field]: value });
  return checked.ok
    ? { ok: true as const, value: (checked.value as Record<TextField, string>)[field] }
    : { ok: false as const, prompt: coreError(turn, checked.error) };
};

const back = async <S extends StateOf<FieldStep>>(_turn: Turn, state: S): Promise<Outcome> => {
  const previous = beforeField(state.step, state.draft, state.editing);
  return previous ? goTo(previous) : { say: [], next: null, abandoned: "cancel" };
};

export const subjectStep: Step<StateOf<"open.subject">> = {
  ask: async (turn, state): Promise<Asked> => ({
    prompts: [text(turn.t.open.askSubject(LIMITS.subject.min, LIMITS.subject.max))],
    state,
  }),
  async answer(turn, state, input) {
    if (input.kind !== "text") return invalidChoice(turn, state);
    const checked = checkText(turn, "subject", input.text);
    if (!checked.ok) return stay(state, checked.prompt);
    const next = afterField(state.step, { ...state.draft, subject: checked.value }, state.editing);
    return state.editing ? goTo(next) : suggestBefore(turn, next, "subject", checked.value);
  },
  back,
};

/** A single-choice field: department, priority or type. */
const choiceStep = <S extends StateOf<"open.department" | "open.priority" | "open.type">, V>(
  question: (turn: Turn) => string,
  choices: (turn: Turn) => Choice<V>[],
  apply: (state: S, value: V) => S["draft"],
): Step<S> => ({
  ask: async (turn, state) => ({
    prompts: [{ kind: "choice", text: question(turn), options: toOptions(choices(turn)) }],
    state,
  }),
  async answer(turn, state, input: InboundInput) {
    const picked = matchChoice(input, choices(turn));
    if (!picked) return invalidChoice(turn, state);
    return goTo(afterField(state.step, apply(state, picked.value), state.editing));
  },
  back,
});

export const departmentStep = choiceStep<StateOf<"open.department">, string>(
  (turn) => turn.t.open.askDepartment,
  departmentChoices,
  (state, department) => ({ ...state.draft, department }),
);

export const priorityStep = choiceStep<
  StateOf<"open.priority">,
  StateOf<"open.priority">["draft"]["priority"]
>(
  (turn) => turn.t.open.askPriority,
  priorityChoices,
  (state, priority) => ({ ...state.draft, priority }),
);

export const typeStep = choiceStep<StateOf<"open.type">, string>(
  (turn) => turn.t.open.askType,
  typeChoices,
  (state, type) => ({ ...state.draft, type }),
);

/** After the description, articles matching the subject and the description (none already shown). */
const withSuggestions = (
  turn: Turn,
  state: StateOf<"open.message">,
  draft: TicketDraft,
  ...say: Prompt[]
): Outcome => {
  const next = afterField(state.step, draft, state.editing);
  if (state.editing) return goTo(next, ...say);
  const outcome = suggestBefore(turn, next, "message", `${draft.subject ?? ""} ${draft.message ?? ""}`);
  return { ...outcome, say: [...say, ...outcome.say] };
};

/**
 * The description. Files sent here are kept; a caption is taken as the description. Longer text is
 * refused with its count, never cut.
 */
export const messageStep: Step<StateOf<"open.message">> = {
  ask: async (turn, state) => ({ prompts: [text(turn.t.open.askMessage(LIMITS.message.max))], state }),
  async answer(turn, state, input) {
    if (input.kind === "choice" || input.kind === "command") return invalidChoice(turn, state);
    let draft = state.draft;
    if (input.kind === "files") {
      const stashed = await stashFiles(turn.deps, turn.contact.id, draft.files, input.files);
      if (!stashed.ok) return stay(state, coreError(turn, stashed.error));
      draft = { ...draft, files: stashed.value };
      const received = text(turn.t.open.filesReceived(input.files.map((f) => f.fileName)));
      if (!input.caption?.trim()) return stay({ ...state, draft }, received);
      const checked = checkText(turn, "message", input.caption);
      if (!checked.ok) return stay({ ...state, draft }, received, checked.prompt);
      return withSuggestions(turn, state, { ...draft, message: checked.value }, received);
    }
    const checked = checkText(turn, "message", input.text);
    if (!checked.ok) return stay(state, checked.prompt);
    return withSuggestions(turn, state, { ...draft, message: checked.value });
  },
  back,
};
