import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import type { StateOf } from "../state.js";
import { goTo, invalidChoice, type Step, type Turn, text } from "../turn.js";

type AttachmentsState = StateOf<"open.attachments">;
type Pick = { readonly remove: number } | "add" | "keep";

/**
 * The draft's files as a numbered list, before the ticket is confirmed (the seed portal: "edit or
 * delete attachments before sending"): removing one keeps the others, adding more keeps them all.
 */
const choices = (turn: Turn, state: AttachmentsState): Choice<Pick>[] => {
  const files = state.draft.files.map((f, i) => ({
    id: `att.rm.${i}`,
    label: turn.t.open.removeFile(f.fileName),
    value: { remove: i } as Pick,
  }));
  const add: Choice<Pick> = {
    id: "att.add",
    label: turn.t.open.addFiles,
    aliases: everyLanguage((t) => t.open.addFiles),
    value: "add",
  };
  const keep: Choice<Pick> = {
    id: "att.keep",
    label: turn.t.open.keepFiles,
    aliases: everyLanguage((t) => t.open.keepFiles),
    value: "keep",
  };
  const room = state.draft.files.length < turn.deps.attachmentRules.maxFiles;
  return [...files, ...(room ? [add] : []), keep];
};

export const attachmentsStep: Step<AttachmentsState> = {
  ask: async (turn, state) => ({
    prompts: [{ kind: "choice", text: turn.t.open.filesWhich, options: toOptions(choices(turn, state)) }],
    state,
  }),
  async answer(turn, state, input) {
    const picked = matchChoice(input, choices(turn, state));
    if (!picked) return invalidChoice(turn, state);
    const { draft } = state;
    if (picked.value === "keep") return goTo({ step: "open.summary", draft });
    if (picked.value === "add") return goTo({ step: "open.files", draft, editing: true });
    const index = picked.value.remove;
    const removed = draft.files[index];
    if (!removed) return invalidChoice(turn, state);
    // The engine lets go of the parked bytes the new state no longer holds.
    const files = draft.files.filter((_, i) => i !== index);
    return goTo(
      { step: "open.summary", draft: { ...draft, files } },
      text(turn.t.open.fileRemoved(removed.fileName)),
    );
  },
  back: async (_turn, state) => goTo({ step: "open.summary", draft: state.draft }),
};
