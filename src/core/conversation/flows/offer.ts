import { type Choice, matchChoice, toOptions, yesNoChoices } from "../choices.js";
import { everyLanguage, YES_NO } from "../every-language.js";
import type { InboundInput } from "../inbound.js";
import { restoreFiles, stashFiles } from "../stash.js";
import type { StateOf } from "../state.js";
import { ACTIVE_STATUSES, lookup, refOf } from "../ticket-views.js";
import { coreError, goTo, invalidChoice, type Outcome, type Step, type Turn, text } from "../turn.js";

/**
 * Free text outside a flow: with exactly one open ticket of their own, the contact is offered to add it
 * there; otherwise they get the menu. Either way the message is answered, never dropped in silence.
 */
export const offerFreeText = async (
  turn: Turn,
  input: Extract<InboundInput, { kind: "text" | "files" }>,
): Promise<Outcome> => {
  const open = await turn.deps.service.list(turn.actor, {
    requesterPersonId: turn.actor.personId,
    statuses: ACTIVE_STATUSES,
    limit: 2,
  });
  const only = open.items.length === 1 ? open.items[0] : undefined;
  if (!only) return { say: [], next: null, menu: "notUnderstood" };
  if (input.kind === "text")
    return goTo({ step: "offer.add", ticket: only.number, text: input.text, files: [] });
  const stashed = await stashFiles(turn.deps, turn.contact.id, [], input.files);
  if (!stashed.ok) return goTo(null, coreError(turn, stashed.error));
  return goTo({ step: "offer.add", ticket: only.number, text: input.caption ?? "", files: stashed.value });
};

const offerChoices = (turn: Turn): Choice<boolean>[] =>
  yesNoChoices(
    { id: "offer.yes", label: turn.t.offer.yes },
    { id: "offer.no", label: turn.t.offer.no },
    {
      yes: [...YES_NO.yes, ...everyLanguage((t) => t.offer.yes)],
      no: [...YES_NO.no, ...everyLanguage((t) => t.offer.no)],
    },
  );

export const offerStep: Step<StateOf<"offer.add">> = {
  async ask(turn, state) {
    const found = await turn.deps.service.detail(turn.actor, lookup(state.ticket));
    if (!found.ok) return { prompts: [coreError(turn, found.error)], state: null };
    const question = turn.t.offer.addTo(refOf(found.value.ticket), found.value.ticket.subject);
    return { prompts: [{ kind: "choice", text: question, options: toOptions(offerChoices(turn)) }], state };
  },
  async answer(turn, state, input) {
    const picked = matchChoice(input, offerChoices(turn));
    if (!picked) return invalidChoice(turn, state);
    if (!picked.value) return goTo(null);
    const replied = await turn.deps.service.reply(turn.actor, lookup(state.ticket), {
      message: state.text,
      attachments: await restoreFiles(turn.deps, state.files),
      sourceKey: turn.sourceKey,
    });
    if (!replied.ok) return goTo(null, coreError(turn, replied.error));
    return goTo(null, text(turn.t.offer.added(refOf(replied.value))));
  },
  back: async () => goTo(null),
};
