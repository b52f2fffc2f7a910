import { LIMITS } from "../../ticket/commands.js";
import { isClosed } from "../../ticket/status.js";
import { type Choice, matchChoice, toOptions, yesNoChoices } from "../choices.js";
import { everyLanguage, YES_NO } from "../every-language.js";
import type { DetailAction, ListView, StateOf } from "../state.js";
import { detailView, lookup, refOf } from "../ticket-views.js";
import { coreError, goTo, invalidChoice, type Step, stay, type Turn, text } from "../turn.js";
import { visibleFiles } from "./ticket-files.js";

const offeredActions = (
  ticket: { closed: boolean; rated: boolean; files: boolean },
  view: ListView | null,
): DetailAction[] => {
  const all: [DetailAction, boolean][] = [
    ["reply", true],
    ["contact", !ticket.closed],
    ["close", !ticket.closed],
    ["rate", ticket.closed && !ticket.rated],
    // After the older actions, so the numbers people learnt for them stay the same.
    ["files", ticket.files],
    ["list", view !== null],
    ["menu", true],
  ];
  return all.filter(([, shown]) => shown).map(([action]) => action);
};

const DETAIL_LABEL: Record<DetailAction, (t: Turn["t"]) => string> = {
  reply: (t) => t.tickets.reply,
  files: (t) => t.tickets.files,
  contact: (t) => t.tickets.requestContact,
  close: (t) => t.tickets.close,
  rate: (t) => t.tickets.rate,
  list: (t) => t.tickets.backToList,
  menu: (t) => t.tickets.menu,
};

const detailChoices = (turn: Turn, offered: readonly DetailAction[]): Choice<DetailAction>[] =>
  offered.map((value) => ({
    id: `det.${value}`,
    label: DETAIL_LABEL[value](turn.t),
    aliases: everyLanguage(DETAIL_LABEL[value]),
    value,
  }));

const backToList = (view: ListView | null) => goTo(view ? { step: "tickets.list", view, shown: [] } : null);

/**
 * One ticket: public status, history, time in each status and whether support read the last message.
 * Every visit asks the service again, which answers "not found" for a ticket the contact may not see.
 */
export const ticketDetailStep: Step<StateOf<"tickets.detail">> = {
  async ask(turn, state) {
    const found = await turn.deps.service.detail(turn.actor, lookup(state.ticket));
    if (!found.ok) return { prompts: [coreError(turn, found.error)], state: null };
    const { ticket } = found.value;
    const offered = offeredActions(
      {
        closed: isClosed(ticket.status),
        rated: ticket.rating !== null,
        files: visibleFiles(found.value).length > 0,
      },
      state.view,
    );
    return {
      prompts: [
        {
          kind: "ticketDetail",
          text: turn.t.tickets.detailQuestion,
          ticket: detailView(turn, found.value),
          options: toOptions(detailChoices(turn, offered)),
        },
      ],
      state: { ...state, offered },
    };
  },
  async answer(turn, state, input) {
    // The ticket may have changed since it was shown; the service refuses whatever no longer applies.
    const picked = matchChoice(input, detailChoices(turn, state.offered));
    if (!picked) return invalidChoice(turn, state);
    const { ticket, view } = state;
    switch (picked.value) {
      case "reply":
        return goTo({ step: "tickets.reply", ticket, view });
      case "files":
        return goTo({ step: "tickets.files", ticket, view, shown: [] });
      case "close":
        return goTo({ step: "tickets.close", ticket, view });
      case "rate":
        return goTo({ step: "rating.score", ticket });
      case "list":
        return backToList(view);
      case "menu":
        return goTo(null);
      case "contact": {
        const done = await turn.deps.service.requestContact(turn.actor, lookup(ticket));
        if (!done.ok) return goTo(null, coreError(turn, done.error));
        return goTo(null, text(turn.t.tickets.contactRequestedDone(refOf(done.value))));
      }
    }
  },
  back: async (_turn, state) => backToList(state.view),
};

/** Text, files, or files with a caption: one message, one reply on the ticket. */
export const ticketReplyStep: Step<StateOf<"tickets.reply">> = {
  async ask(turn, state) {
    // Asked again on every visit: a reply button may name a ticket the contact cannot see.
    const found = await turn.deps.service.detail(turn.actor, lookup(state.ticket));
    if (!found.ok) return { prompts: [coreError(turn, found.error)], state: null };
    return { prompts: [text(turn.t.tickets.askReply(refOf(found.value.ticket), LIMITS.message.max))], state };
  },
  async answer(turn, state, input) {
    if (input.kind === "choice" || input.kind === "command") return invalidChoice(turn, state);
    const reply =
      input.kind === "text"
        ? { message: input.text, attachments: [] }
        : { message: input.caption ?? "", attachments: input.files };
    const done = await turn.deps.service.reply(turn.actor, lookup(state.ticket), {
      ...reply,
      sourceKey: turn.sourceKey,
    });
    if (done.ok) return goTo(null, text(turn.t.tickets.replied(refOf(done.value))));
    // A text too long or a refused file can be fixed here; anything else (closed for good, gone) cannot.
    const fixable = [
      "VALIDATION_FAILED",
      "ATTACHMENT_REJECTED",
      "TOO_MANY_ATTACHMENTS",
      "TICKET_FILES_FULL",
    ].includes(done.error.code);
    return fixable ? stay(state, coreError(turn, done.error)) : goTo(null, coreError(turn, done.error));
  },
  back: async (_turn, state) =>
    goTo({ step: "tickets.detail", ticket: state.ticket, view: state.view, offered: [] }),
};

const closeChoices = (turn: Turn): Choice<boolean>[] =>
  yesNoChoices(
    { id: "close.yes", label: turn.t.tickets.closeYes },
    { id: "close.no", label: turn.t.tickets.closeNo },
    {
      yes: [...YES_NO.yes, ...everyLanguage((t) => t.tickets.closeYes)],
      no: [...YES_NO.no, ...everyLanguage((t) => t.tickets.closeNo)],
    },
  );

export const ticketCloseStep: Step<StateOf<"tickets.close">> = {
  ask: async (turn, state) => ({
    prompts: [
      {
        kind: "choice",
        text: turn.t.tickets.confirmClose(lookup(state.ticket)),
        options: toOptions(closeChoices(turn)),
      },
    ],
    state,
  }),
  async answer(turn, state, input) {
    const picked = matchChoice(input, closeChoices(turn));
    if (!picked) return invalidChoice(turn, state);
    if (!picked.value)
      return goTo({ step: "tickets.detail", ticket: state.ticket, view: state.view, offered: [] });
    const closed = await turn.deps.service.changeStatus(turn.actor, lookup(state.ticket), {
      status: "SOLVED",
      sourceKey: turn.sourceKey,
    });
    if (!closed.ok) return goTo(null, coreError(turn, closed.error));
    const said = text(turn.t.tickets.closed(refOf(closed.value)));
    return closed.value.rating
      ? goTo(null, said)
      : goTo({ step: "rating.score", ticket: state.ticket }, said);
  },
  back: async (_turn, state) =>
    goTo({ step: "tickets.detail", ticket: state.ticket, view: state.view, offered: [] }),
};
