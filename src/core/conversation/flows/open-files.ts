import { LIMITS } from "../../ticket/commands.js";
import { charCount } from "../../ticket/validation.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import type { Prompt } from "../prompt.js";
import { stashFiles } from "../stash.js";
import type { StateOf } from "../state.js";
import { coreError, error, goTo, type Outcome, type Step, stay, type Turn, text } from "../turn.js";
import { afterField, beforeField } from "./open-common.js";

type FilesState = StateOf<"open.files">;

/** "Done" and "Skip" both move on; either word is understood whichever one the prompt shows. */
const finishChoices = (turn: Turn, received: number): Choice<"finish">[] => {
  const done: Choice<"finish"> = {
    id: "files.done",
    label: turn.t.open.filesDone,
    aliases: everyLanguage((t) => [t.open.filesDone, t.open.filesSkip, ...t.words.filesDone]),
    value: "finish",
  };
  return [received > 0 ? done : { ...done, id: "files.skip", label: turn.t.open.filesSkip }];
};
const finishIds = new Set(["files.done", "files.skip"]);

const question = (turn: Turn, state: FilesState): Prompt => {
  const max = turn.deps.attachmentRules.maxFiles;
  const received = state.draft.files.length;
  return {
    kind: "files",
    text:
      received === 0
        ? turn.t.open.askFiles(max, turn.deps.attachmentRules.allowedTypes)
        : turn.t.open.moreFiles(received, max),
    received,
    max,
    options: toOptions(finishChoices(turn, received)),
  };
};

/** A caption sent with files adds to the description, under the description's limit. */
const withCaption = (turn: Turn, state: FilesState, caption: string | undefined) => {
  const extra = caption?.trim();
  if (!extra) return { ok: true as const, message: state.draft.message };
  const message = state.draft.message ? `${state.draft.message}\n\n${extra}` : extra;
  const actual = charCount(message);
  if (actual <= LIMITS.message.max) return { ok: true as const, message };
  const problem = { code: "TOO_LONG" as const, max: LIMITS.message.max, actual };
  const refused = { code: "VALIDATION_FAILED" as const, issues: [{ field: "message", problem }] };
  return { ok: false as const, prompt: coreError(turn, refused) };
};

export const filesStep: Step<FilesState> = {
  ask: async (turn, state) => ({ prompts: [question(turn, state)], state }),
  async answer(turn, state, input): Promise<Outcome> {
    const next = () => afterField(state.step, state.draft, state.editing);
    if (input.kind === "choice" && finishIds.has(input.id)) return goTo(next());
    if (input.kind === "text" && matchChoice(input, finishChoices(turn, state.draft.files.length)))
      return goTo(next());
    if (input.kind !== "files") return stay(state, error(turn.t.open.filesExpected));

    const max = turn.deps.attachmentRules.maxFiles;
    if (state.draft.files.length >= max) return stay(state, error(turn.t.open.filesFull(max)));
    const captioned = withCaption(turn, state, input.caption);
    if (!captioned.ok) return stay(state, captioned.prompt);
    const stashed = await stashFiles(turn.deps, turn.contact.id, state.draft.files, input.files);
    if (!stashed.ok) return stay(state, coreError(turn, stashed.error));
    const draft = {
      ...state.draft,
      files: stashed.value,
      ...(captioned.message ? { message: captioned.message } : {}),
    };
    const received = text(turn.t.open.filesReceived(input.files.map((f) => f.fileName)));
    // A full set needs no "done": the flow moves on by itself.
    if (draft.files.length >= max) return goTo(afterField(state.step, draft, state.editing), received);
    return stay({ ...state, draft }, received);
  },
  async back(_turn, state) {
    const previous = beforeField(state.step, state.draft, state.editing);
    return previous ? goTo(previous) : { say: [], next: null, abandoned: "cancel" };
  },
};
