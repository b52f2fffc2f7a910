import type { StatusFilter } from "../../i18n/conversation-catalogue.js";
import { catalogues } from "../../i18n/index.js";
import { LANGS } from "../../i18n/lang.js";
import type { TicketQuery } from "../../ports/ticket-repository.js";
import { statusesOfPublic } from "../../ticket/status.js";
import { labelOf } from "../../ticket/taxonomy.js";
import { parseTicketRef } from "../../ticket/ticket-ref.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import type { ListView, StateOf } from "../state.js";
import { STATUS_FILTERS } from "../state.js";
import { listItem, lookup, ticketChoice } from "../ticket-views.js";
import { goTo, invalidChoice, type Step, type Turn, text } from "../turn.js";

/** WhatsApp lists hold 10 rows: up to 5 tickets plus filter, search, numbers, organization toggle and menu. */
const PAGE = 5;

type ListAction =
  | { kind: "ticket"; ticket: number }
  | { kind: "filter" }
  | { kind: "search" }
  | { kind: "numbers" }
  | { kind: "scope" }
  | { kind: "menu" };

export const ALL_TICKETS: ListView = {
  filter: "all",
  org: false,
  priority: null,
  department: null,
  text: null,
};

export const ticketsHome = (): StateOf<"tickets.list"> => ({
  step: "tickets.list",
  view: ALL_TICKETS,
  shown: [],
});

const action = (
  id: string,
  label: (t: Turn["t"]) => string,
  turn: Turn,
  value: ListAction,
  extra: string[] = [],
) => ({
  id,
  label: label(turn.t),
  aliases: [...everyLanguage(label), ...extra],
  value,
});

const actionChoices = (turn: Turn, view: ListView): Choice<ListAction>[] => {
  const scope = (t: Turn["t"]) => (view.org ? t.tickets.showMine : t.tickets.showOrg);
  return [
    // The label was "Filter by status" before priorities and departments joined it.
    action("list.filter", (t) => t.tickets.filter, turn, { kind: "filter" }, [
      "filter by status",
      "filtrar por status",
    ]),
    ...(turn.actor.orgAdmin ? [action("list.scope", scope, turn, { kind: "scope" })] : []),
    action("list.search", (t) => t.tickets.search, turn, { kind: "search" }, ["buscar", "procurar", "find"]),
    action("list.numbers", (t) => t.tickets.numbers, turn, { kind: "numbers" }, ["números", "numbers"]),
    action("list.menu", (t) => t.tickets.menu, turn, { kind: "menu" }),
  ];
};

/** Only the person's own tickets unless an organization admin chose the organization's. */
const whose = (turn: Turn, view: ListView): Pick<TicketQuery, "requesterPersonId"> =>
  view.org && turn.actor.orgAdmin ? {} : { requesterPersonId: turn.actor.personId };

/** The narrower filters and search words, as the person reads them above the list. */
const narrowing = (turn: Turn, view: ListView): string | null => {
  const parts = [
    ...(view.priority ? [turn.core.priority[view.priority]] : []),
    ...(view.department ? [labelOf(turn.deps.taxonomy.departments, view.department, turn.lang)] : []),
    ...(view.text ? [`“${view.text}”`] : []),
  ];
  return parts.length > 0 ? turn.t.tickets.narrowedBy(parts) : null;
};

/**
 * The requester's tickets, or their organization's when an organization admin asks; newest activity
 * first. Search words go through the same accent-insensitive search as the API, and the service keeps
 * every query to what the person may see.
 */
export const ticketsListStep: Step<StateOf<"tickets.list">> = {
  async ask(turn, state) {
    const { view } = state;
    const query: TicketQuery = {
      ...(view.filter === "all" ? {} : { statuses: statusesOfPublic(view.filter) }),
      ...(view.priority ? { priorities: [view.priority] } : {}),
      ...(view.department ? { departments: [view.department] } : {}),
      ...whose(turn, view),
      sort: { field: "updatedAt", direction: "desc" },
      limit: PAGE,
    };
    const page = view.text
      ? await turn.deps.service.search(turn.actor, view.text, query)
      : await turn.deps.service.list(turn.actor, query);
    const tickets = page.items.map((t) => ticketChoice(turn, t, `tkt.${t.number}`));
    const title = [
      page.items.length === 0
        ? turn.t.tickets.empty(view.filter)
        : turn.t.tickets.title(view.filter, view.org),
      ...[narrowing(turn, view)].filter((line): line is string => line !== null),
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
      case "search":
        return goTo({ step: "tickets.search", view: state.view });
      case "numbers": {
        const org = state.view.org && turn.actor.orgAdmin;
        const n = await turn.deps.service.stats(turn.actor, whose(turn, state.view));
        const said = turn.t.tickets.numbersText({ ...n, high: n.highPriority, org });
        return goTo(null, text(said));
      }
      case "scope":
        return goTo({ ...state, view: { ...state.view, org: !state.view.org }, shown: [] });
      case "menu":
        return goTo(null);
    }
  },
  back: async () => goTo(null),
};

type FilterPick = { kind: "status"; value: StatusFilter } | { kind: "by"; by: "priority" | "department" };

const filterChoices = (turn: Turn): Choice<FilterPick>[] => [
  ...STATUS_FILTERS.map((filter) => ({
    id: `filter.${filter}`,
    label: turn.t.tickets.filterLabel[filter],
    aliases: everyLanguage((t) => t.tickets.filterLabel[filter]),
    value: { kind: "status" as const, value: filter },
  })),
  {
    id: "filter.priority",
    label: turn.t.tickets.byPriority,
    aliases: everyLanguage((t) => t.tickets.byPriority),
    value: { kind: "by", by: "priority" },
  },
  {
    id: "filter.department",
    label: turn.t.tickets.byDepartment,
    aliases: everyLanguage((t) => t.tickets.byDepartment),
    value: { kind: "by", by: "department" },
  },
];

const toList = (view: ListView) => goTo({ step: "tickets.list", view, shown: [] });

/** Status, or which narrower filter to set; "All" clears every filter and the search. */
export const ticketsFilterStep: Step<StateOf<"tickets.filter">> = {
  ask: async (turn, state) => ({
    prompts: [
      { kind: "choice", text: turn.t.tickets.filterQuestion, options: toOptions(filterChoices(turn)) },
    ],
    state,
  }),
  async answer(turn, state, input) {
    const picked = matchChoice(input, filterChoices(turn))?.value;
    if (!picked) return invalidChoice(turn, state);
    if (picked.kind === "by") return goTo({ step: "tickets.filterBy", view: state.view, by: picked.by });
    if (picked.value === "all") return toList({ ...ALL_TICKETS, org: state.view.org });
    return toList({ ...state.view, filter: picked.value });
  },
  back: async (_turn, state) => toList(state.view),
};

const byChoices = (turn: Turn, by: "priority" | "department"): Choice<string | null>[] => {
  const values =
    by === "priority"
      ? (["HIGH", "MEDIUM", "LOW"] as const).map((p) => ({
          id: `by.${p}`,
          label: turn.core.priority[p],
          aliases: [p, ...LANGS.map((l) => catalogues[l].priority[p])],
          value: p as string,
        }))
      : turn.deps.taxonomy.departments.slice(0, 9).map((d) => ({
          id: `by.${d.code}`,
          label: d.labels[turn.lang],
          aliases: [d.code, ...Object.values(d.labels)],
          value: d.code,
        }));
  const any = (t: Turn["t"]) => (by === "priority" ? t.tickets.anyPriority : t.tickets.anyDepartment);
  return [...values, { id: "by.any", label: any(turn.t), aliases: everyLanguage(any), value: null }];
};

export const ticketsFilterByStep: Step<StateOf<"tickets.filterBy">> = {
  ask: async (turn, state) => ({
    prompts: [
      {
        kind: "choice",
        text: turn.t.tickets.filterByQuestion,
        options: toOptions(byChoices(turn, state.by)),
      },
    ],
    state,
  }),
  async answer(turn, state, input) {
    const picked = matchChoice(input, byChoices(turn, state.by));
    if (!picked) return invalidChoice(turn, state);
    const value = picked.value;
    if (state.by === "priority") {
      const priority = value === "HIGH" || value === "MEDIUM" || value === "LOW" ? value : null;
      return toList({ ...state.view, priority });
    }
    return toList({ ...state.view, department: value });
  },
  back: async (_turn, state) => goTo({ step: "tickets.filter", view: state.view }),
};

/** Words to look for (a ticket's number opens it). Nothing typed here is stored. */
export const ticketsSearchStep: Step<StateOf<"tickets.search">> = {
  ask: async (turn, state) => ({ prompts: [text(turn.t.tickets.askSearch)], state }),
  async answer(turn, state, input) {
    if (input.kind !== "text" || !input.text.trim()) return invalidChoice(turn, state);
    const words = input.text.trim().slice(0, 200);
    const ref = parseTicketRef(words);
    if (ref !== null) return goTo({ step: "tickets.detail", ticket: ref, view: state.view, offered: [] });
    return toList({ ...state.view, text: words });
  },
  back: async (_turn, state) => toList(state.view),
};
