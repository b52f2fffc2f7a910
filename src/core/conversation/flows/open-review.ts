import { catalogues } from "../../i18n/index.js";
import { LANGS } from "../../i18n/lang.js";
import { labelOf } from "../../ticket/taxonomy.js";
import type { Ticket } from "../../ticket/ticket.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import type { Prompt } from "../prompt.js";
import { restoreFiles } from "../stash.js";
import type { StateOf, TicketDraft } from "../state.js";
import { ACTIVE_STATUSES, lookup, refOf, ticketChoice } from "../ticket-views.js";
import { type Asked, coreError, goTo, invalidChoice, type Step, stay, type Turn, text } from "../turn.js";
import { recordKb } from "./help-common.js";
import { editField, type FieldStep } from "./open-common.js";

const summaryPrompt = (turn: Turn, draft: TicketDraft): Prompt => {
  const field = turn.core.field;
  const { taxonomy } = turn.deps;
  return {
    kind: "summary",
    text: turn.t.open.summary,
    fields: [
      { label: field.subject ?? "subject", value: draft.subject ?? "" },
      {
        label: field.department ?? "department",
        value: labelOf(taxonomy.departments, draft.department ?? "", turn.lang),
      },
      {
        label: field.priority ?? "priority",
        value: draft.priority ? turn.core.priority[draft.priority] : "",
      },
      { label: field.type ?? "type", value: labelOf(taxonomy.types, draft.type ?? "", turn.lang) },
      { label: field.message ?? "message", value: draft.message ?? "" },
      {
        label: field.attachments ?? "attachments",
        value: draft.files.length > 0 ? draft.files.map((f) => f.fileName).join(", ") : turn.t.open.noFiles,
      },
    ],
    options: toOptions(summaryChoices(turn)),
  };
};

type SummaryAction = "confirm" | "edit" | "cancel";
const summaryChoices = (turn: Turn): Choice<SummaryAction>[] =>
  (["confirm", "edit", "cancel"] as const).map((action) => ({
    id: `sum.${action}`,
    label: turn.t.open[action],
    aliases: everyLanguage((t) => t.open[action]),
    value: action,
  }));

const askSummary = (turn: Turn, draft: TicketDraft): Asked => ({
  prompts: [summaryPrompt(turn, draft)],
  state: { step: "open.summary", draft },
});

/** The message (and files) go to an existing ticket instead of a new one. */
const addToExisting = async (turn: Turn, state: StateOf<"open.similar">, ticketNumber: number) => {
  const attachments = await restoreFiles(turn.deps, state.draft.files);
  const replied = await turn.deps.service.reply(turn.actor, lookup(ticketNumber), {
    message: state.draft.message ?? "",
    attachments,
    sourceKey: turn.sourceKey,
  });
  if (!replied.ok) return stay(state, coreError(turn, replied.error));
  return goTo(null, text(turn.t.open.addedToExisting(refOf(replied.value))));
};

const findSimilar = async (turn: Turn, draft: TicketDraft): Promise<readonly Ticket[]> => {
  const page = await turn.deps.service.list(turn.actor, {
    text: draft.subject ?? "",
    textMode: "any",
    statuses: ACTIVE_STATUSES,
    limit: 3,
  });
  return page.items;
};

/** The same candidates when the question is asked again (help), as long as the contact still sees them. */
const shownAgain = async (turn: Turn, numbers: readonly number[]): Promise<Ticket[]> => {
  const found = await Promise.all(numbers.map((n) => turn.deps.service.detail(turn.actor, lookup(n))));
  return found.flatMap((r) => (r.ok ? [r.value.ticket] : []));
};

/**
 * "Is it one of these?": up to three of the contact's open tickets (their organization's, for an
 * organization admin) whose subject or messages share words with the new subject. Offered once.
 */
export const similarStep: Step<StateOf<"open.similar">> = {
  async ask(turn, state) {
    const draft = { ...state.draft, similarOffered: true };
    const similar =
      state.candidates.length > 0
        ? await shownAgain(turn, state.candidates)
        : state.draft.similarOffered
          ? []
          : await findSimilar(turn, draft);
    if (similar.length === 0) return askSummary(turn, draft);
    const choices = similar.map((t) => ticketChoice(turn, t, `sim.${t.number}`));
    return {
      prompts: [
        {
          kind: "choice",
          text: turn.t.open.similar,
          options: toOptions([...choices, { id: "sim.none", label: turn.t.open.similarNone, value: 0 }]),
        },
      ],
      state: { step: "open.similar", draft, candidates: similar.map((t) => t.number) },
    };
  },
  async answer(turn, state, input) {
    const choices: Choice<number>[] = [
      ...state.candidates.map((n) => ({ id: `sim.${n}`, label: lookup(n), value: n })),
      {
        id: "sim.none",
        label: turn.t.open.similarNone,
        aliases: everyLanguage((t) => [t.open.similarNone, ...t.words.no]),
        value: 0,
      },
    ];
    const picked = matchChoice(input, choices);
    if (!picked) return invalidChoice(turn, state);
    if (picked.value === 0) return goTo({ step: "open.summary", draft: state.draft });
    return addToExisting(turn, state, picked.value);
  },
  back: async (_turn, state) => goTo({ step: "open.files", draft: state.draft, editing: false }),
};

export const summaryStep: Step<StateOf<"open.summary">> = {
  ask: async (turn, state) => askSummary(turn, state.draft),
  async answer(turn, state, input) {
    const picked = matchChoice(input, summaryChoices(turn));
    if (!picked) return invalidChoice(turn, state);
    if (picked.value === "edit") return goTo({ step: "open.edit", draft: state.draft });
    if (picked.value === "cancel")
      return { say: [text(turn.t.session.cancelled)], next: null, abandoned: "cancel" };
    const { draft } = state;
    const created = await turn.deps.service.create(turn.actor, turn.identity, {
      subject: draft.subject,
      department: draft.department,
      priority: draft.priority,
      type: draft.type,
      message: draft.message,
      attachments: await restoreFiles(turn.deps, draft.files),
      sourceKey: turn.sourceKey,
    });
    if (!created.ok) return stay(state, coreError(turn, created.error));
    await recordKb(turn, "TICKET_AFTER", draft.suggested);
    return goTo(null, text(turn.t.open.created(refOf(created.value.ticket))));
  },
  back: async (_turn, state) => goTo({ step: "open.files", draft: state.draft, editing: false }),
};

const EDITABLE = ["subject", "department", "priority", "type", "message", "attachments"] as const;
const editChoices = (turn: Turn): Choice<FieldStep>[] =>
  EDITABLE.map((name) => ({
    id: `edit.${name}`,
    label: turn.core.field[name] ?? name,
    aliases: LANGS.map((l) => catalogues[l].field[name] ?? name),
    value: name === "attachments" ? "open.files" : `open.${name}`,
  }));

export const editStep: Step<StateOf<"open.edit">> = {
  ask: async (turn, state) => ({
    prompts: [{ kind: "choice", text: turn.t.open.editWhich, options: toOptions(editChoices(turn)) }],
    state,
  }),
  async answer(turn, state, input) {
    const picked = matchChoice(input, editChoices(turn));
    if (!picked) return invalidChoice(turn, state);
    return goTo(editField(picked.value, state.draft));
  },
  back: async (_turn, state) => goTo({ step: "open.summary", draft: state.draft }),
};
