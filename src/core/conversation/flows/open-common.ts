import { catalogues } from "../../i18n/index.js";
import { LANGS } from "../../i18n/lang.js";
import { PRIORITIES, type Priority } from "../../ticket/priority.js";
import type { TaxonomyOption } from "../../ticket/taxonomy.js";
import type { Choice } from "../choices.js";
import type { ConversationState, StateOf, TicketDraft } from "../state.js";
import type { Turn } from "../turn.js";

export type FieldStep =
  | "open.subject"
  | "open.department"
  | "open.priority"
  | "open.type"
  | "open.message"
  | "open.files";

const ORDER: readonly FieldStep[] = [
  "open.subject",
  "open.department",
  "open.priority",
  "open.type",
  "open.message",
  "open.files",
];

export const newTicketState = (): StateOf<"open.subject"> => ({
  step: "open.subject",
  draft: { files: [], similarOffered: false, suggested: [] },
  editing: false,
});

const fieldState = (step: FieldStep, draft: TicketDraft, editing: boolean): ConversationState => ({
  step,
  draft,
  editing,
});

/** Where a field's answer leads: the next field, or back to the summary when it was an edit. */
export const afterField = (step: FieldStep, draft: TicketDraft, editing: boolean): ConversationState => {
  if (editing) return { step: "open.summary", draft };
  const next = ORDER[ORDER.indexOf(step) + 1];
  return next ? fieldState(next, draft, false) : { step: "open.similar", draft, candidates: [] };
};

/** One step back; null leaves the flow (back on its first question). */
export const beforeField = (
  step: FieldStep,
  draft: TicketDraft,
  editing: boolean,
): ConversationState | null => {
  if (editing) return { step: "open.summary", draft };
  const previous = ORDER[ORDER.indexOf(step) - 1];
  return previous ? fieldState(previous, draft, false) : null;
};

/** Editing the attachments lists the files to remove one (or add more) instead of starting them over. */
export const editField = (step: FieldStep, draft: TicketDraft): ConversationState =>
  step === "open.files" && draft.files.length > 0
    ? { step: "open.attachments", draft }
    : fieldState(step, draft, true);

const taxonomyChoices = (prefix: string, options: readonly TaxonomyOption[], turn: Turn): Choice<string>[] =>
  options.map((o) => ({
    id: `${prefix}.${o.code}`,
    label: o.labels[turn.lang],
    aliases: [...LANGS.map((l) => o.labels[l]), o.code],
    value: o.code,
  }));

export const departmentChoices = (turn: Turn) => taxonomyChoices("dep", turn.deps.taxonomy.departments, turn);
export const typeChoices = (turn: Turn) => taxonomyChoices("type", turn.deps.taxonomy.types, turn);

export const priorityChoices = (turn: Turn): Choice<Priority>[] =>
  PRIORITIES.map((p) => ({
    id: `pri.${p}`,
    label: turn.core.priority[p],
    aliases: [...LANGS.map((l) => catalogues[l].priority[p]), p],
    value: p,
  }));
