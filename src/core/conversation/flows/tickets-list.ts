import type { StatusFilter } from "../../i18n/conversation-catalogue.js";
import { statusesOfPublic } from "../../ticket/status.js";
import { parseTicketRef } from "../../ticket/ticket-ref.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import type { ListView, StateOf } from "../state.js";
import { STATUS_FILTERS } from "../state.js";
import { listItem, lookup, ticketChoice } from "../ticket-views.js";
import { goTo, invalidChoice, type Step, type Turn } from "../turn.js";

/** WhatsApp lists hold 10 rows: up to 7 tickets plus filter, organization toggle and menu. */
const PAGE = 7;

type ListAction =
  | { kind: "ticket"; ticket: number }
  | { kind: "filter" }
  | { kind: "scope" }
  | { kind: "menu" };

export const ticketsHome = (): StateOf<"tickets.list"> => ({
  step: "tickets.list",
  view: { filter: "all", org: false },
  shown: [],
});

const actionChoices = (turn: Turn, view: ListView): Choice<ListAction>[] => {
  const scope = (t: Turn["t"]) => (view.org ? t.tickets.showMine : t.tickets.showOrg);
  return [
    {
      id: "list.filter",
      label: turn.t.tickets.filter,
      aliases: everyLanguage((t) => t.tickets.filter),
      value: { kind: "filter" },
    },
    ...(turn.actor.orgAdmin
      ? [
          {
            id: "list.scope",
            label: scope(turn.t),
            aliases: everyLanguage(scope),
            value: { kind: "scope" as const },
          },
        ]
      : []),
    {
      id: "list.menu",
      label: turn.t.tickets.menu,
      aliases: everyLanguage((t) => t.tickets.menu),
      value: { kind: "menu" },
    },
  ];
};

/** The requester's tickets, or their organization's when an organization admin asks; newest activity first. */
export const ticketsListStep: Step<StateOf<"tickets.list">> = {
  async ask(turn, state) {
    const { view } = state;
    const page = await turn.deps.service.list(turn.actor, {
      ...(view.filter === "all" ? {} : { statuses: statusesOfPublic(view.filter) }),
      ...(view.org && turn.actor.orgAdmin ? {} : { requesterPersonId: turn.actor.personId }),
      sort: { field: "updatedAt", direction: "desc" },
      limit: PAGE,
    });
    const tickets = page.items.map((t) => ticketChoice(turn, t, `tkt.${t.number}`));
    const title = [
      page.items.length === 0
        ? turn.t.tickets.empty(view.filter)
        : turn.t.tickets.title(view.filter, view.org),
      ...(page.nextCursor ? [turn.t.tickets.more(page.items.length)] : []),
    ].join("\n");
    return {
      prompts: [
        {
          kind: "ticketList",
          text: title,
          tickets: page.items.map((t) => listItem(turn, t, `tkt.${t.number}`)),
          options: toOptions<unknown>([...tickets, ...actionChoices(turn, view)]),
        },
      ],
      state: { ...state, shown: page.items.map((t) => t.number) },
    };
  },
  async answer(turn, state, input) {
    const choices: Choice<ListAction>[] = [
      ...state.shown.map((n) => ({
        id: `tkt.${n}`,
        label: lookup(n),
        value: { kind: "ticket" as const, ticket: n },
      })),
      ...actionChoices(turn, state.view),
    ];
    const picked = matchChoice(input, choices)?.value;
    const typed = input.kind === "text" && !picked ? parseTicketRef(input.text) : null;
    if (typed !== null) return goTo({ step: "tickets.detail", ticket: typed, view: state.view, offered: [] });
    if (!picked) return invalidChoice(turn, state);
    switch (picked.kind) {
      case "ticket":
        return goTo({ step: "tickets.detail", ticket: picked.ticket, view: state.view, offered: [] });
      case "filter":
        return goTo({ step: "tickets.filter", view: state.view });
      case "scope":
        return goTo({ ...state, view: { ...state.view, org: !state.view.org }, shown: [] });
      case "menu":
        return goTo(null);
    }
  },
  back: async () => goTo(null),
};

const filterChoices = (turn: Turn): Choice<StatusFilter>[] =>
  STATUS_FILTERS.map((filter) => ({
    id: `filter.${filter}`,
    label: turn.t.tickets.filterLabel[filter],
    aliases: everyLanguage((t) => t.tickets.filterLabel[filter]),
    value: filter,
  }));

export const ticketsFilterStep: Step<StateOf<"tickets.filter">> = {
  ask: async (turn, state) => ({
    prompts: [
      { kind: "choice", text: turn.t.tickets.filterQuestion, options: toOptions(filterChoices(turn)) },
    ],
    state,
  }),
  async answer(turn, state, input) {
    const picked = matchChoice(input, filterChoices(turn));
    if (!picked) return invalidChoice(turn, state);
    return goTo({ step: "tickets.list", view: { ...state.view, filter: picked.value }, shown: [] });
  },
  back: async (_turn, state) => goTo({ step: "tickets.list", view: state.view, shown: [] }),
};
