import { knowledgeCatalogues } from "../../i18n/knowledge-catalogue.js";
import type { Article } from "../../ports/knowledge-base.js";
import { statusesOfPublic } from "../../ticket/status.js";
import type { Ticket } from "../../ticket/ticket.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import type { ConversationState, FlowState } from "../state.js";
import { ACTIVE_STATUSES, lookup, ticketChoice } from "../ticket-views.js";
import { type Asked, goTo, invalidChoice, type Outcome, type Step, type Turn, text } from "../turn.js";
import { flowUnder, kbText, recordKb, type SuggestState } from "./help-common.js";
import { newTicketState } from "./open-common.js";

const MAX = 3;
/** Closed tickets are suggested for this long after closing. */
const RECENT_MS = 30 * 24 * 3_600_000;
const SUGGESTED_STATUSES = [...ACTIVE_STATUSES, ...statusesOfPublic("CLOSED")];

/** The contact's tickets (their organization's, for an admin) sharing words with the question: open or recently closed. */
const similarTickets = async (turn: Turn, query: string): Promise<Ticket[]> => {
  const page = await turn.deps.service.list(turn.actor, {
    text: query,
    textMode: "any",
    statuses: SUGGESTED_STATUSES,
    limit: 10,
  });
  const since = turn.deps.clock.now().getTime() - RECENT_MS;
  return page.items
    .filter((t) => ACTIVE_STATUSES.includes(t.status) || (t.closedAt && t.closedAt.getTime() >= since))
    .slice(0, MAX);
};

const searchArticles = async (turn: Turn, query: string, skip: readonly number[]): Promise<Article[]> => {
  const kb = turn.deps.knowledge;
  if (!kb || !query.trim()) return [];
  const found = await kb.search({ text: query, lang: turn.lang, limit: MAX + skip.length });
  return found.filter((a) => !skip.includes(a.id)).slice(0, MAX);
};

const loadArticles = async (turn: Turn, ids: readonly number[]): Promise<Article[]> => {
  const kb = turn.deps.knowledge;
  if (!kb) return [];
  const found = await Promise.all(ids.map((id) => kb.get(id)));
  return found.filter((a): a is Article => a !== null && a.status === "PUBLISHED");
};

const loadTickets = async (turn: Turn, numbers: readonly number[]): Promise<Ticket[]> => {
  const found = await Promise.all(numbers.map((n) => turn.deps.service.detail(turn.actor, lookup(n))));
  return found.flatMap((r) => (r.ok ? [r.value.ticket] : []));
};

type Pick = { kind: "article"; id: number } | { kind: "ticket"; number: number } | { kind: "continue" };

const continueLabel = (turn: Turn, state: SuggestState) =>
  state.resume ? kbText(turn).stillNeedHelp : kbText(turn).openTicket;

const choices = (
  turn: Turn,
  state: SuggestState,
  articles: readonly Article[],
  tickets: readonly Ticket[],
): Choice<Pick>[] => [
  ...articles.map((a) => ({
    id: `kb.a.${a.id}`,
    label: a.title,
    description: kbText(turn).articleOption,
    value: { kind: "article" as const, id: a.id },
  })),
  ...tickets.map((t) => ({
    ...ticketChoice(turn, t, `kb.t.${t.number}`),
    value: { kind: "ticket" as const, number: t.number },
  })),
  {
    id: "kb.more",
    label: continueLabel(turn, state),
    aliases: Object.values(knowledgeCatalogues).flatMap((c) => [
      c.stillNeedHelp,
      c.openTicket,
      ...c.stillNeedHelpWords,
    ]),
    value: { kind: "continue" as const },
  },
];

/** The suggestions asked for on the way: the flow's own question when there are none. */
const goOn = async (turn: Turn, resume: FlowState | null, ...before: Asked["prompts"]): Promise<Asked> => {
  if (!resume) return { prompts: before, state: null };
  // Loaded when used: the step table imports this step, and the field steps import this file.
  const { stepOf } = await import("../steps.js");
  const asked = await stepOf(resume).ask(turn, resume);
  return { prompts: [...before, ...asked.prompts], state: asked.state };
};

/** Remembers in the flow's draft what was suggested, so a ticket opened anyway is counted against it. */
const noted = (resume: FlowState | null, articles: readonly number[], tickets: boolean): FlowState | null => {
  if (!resume || !("draft" in resume)) return resume;
  const draft = {
    ...resume.draft,
    suggested: [...new Set([...resume.draft.suggested, ...articles])].slice(-12),
    similarOffered: resume.draft.similarOffered || tickets,
  };
  return { ...resume, draft } as FlowState;
};

/**
 * Up to three published articles in the contact's language and up to three of their similar tickets.
 * On the way to a ticket they are shown only when an article matches (the similar-tickets question
 * after the files still offers open tickets); a search shows whatever it finds.
 */
export const suggestStep: Step<SuggestState> = {
  async ask(turn, state): Promise<Asked> {
    const t = kbText(turn);
    if (state.searched) {
      const [articles, tickets] = await Promise.all([
        loadArticles(turn, state.articles),
        loadTickets(turn, state.tickets),
      ]);
      if (articles.length + tickets.length === 0) return goOn(turn, state.resume);
      const shown = { ...state, articles: articles.map((a) => a.id), tickets: tickets.map((x) => x.number) };
      const heading = state.origin === "search" ? t.searchResults(state.query) : t.suggestions;
      return {
        prompts: [
          { kind: "choice", text: heading, options: toOptions(choices(turn, shown, articles, tickets)) },
        ],
        state: shown,
      };
    }
    const draft = state.resume && "draft" in state.resume ? state.resume.draft : null;
    const articles = await searchArticles(turn, state.query, draft?.suggested ?? []);
    if (state.origin !== "search" && articles.length === 0) return goOn(turn, state.resume);
    const tickets = draft?.similarOffered ? [] : await similarTickets(turn, state.query);
    if (articles.length + tickets.length === 0)
      return goOn(turn, state.resume, text(t.nothingFound(state.query)));
    await recordKb(
      turn,
      "SHOWN",
      articles.map((a) => a.id),
    );
    const resume = noted(
      state.resume,
      articles.map((a) => a.id),
      tickets.length > 0,
    );
    return suggestStep.ask(turn, {
      ...state,
      resume,
      articles: articles.map((a) => a.id),
      tickets: tickets.map((x) => x.number),
      searched: true,
    });
  },
  async answer(turn, state, input): Promise<Outcome> {
    const [articles, tickets] = await Promise.all([
      loadArticles(turn, state.articles),
      loadTickets(turn, state.tickets),
    ]);
    const picked = matchChoice(input, choices(turn, state, articles, tickets));
    if (!picked) return invalidChoice(turn, state);
    const { value } = picked;
    if (value.kind === "continue") return goTo(state.resume ?? newTicketState());
    if (value.kind === "ticket") {
      const detail: ConversationState = {
        step: "tickets.detail",
        ticket: value.number,
        view: null,
        offered: [],
      };
      return state.resume ? { say: [], next: detail, abandoned: "switched" } : goTo(detail);
    }
    await recordKb(turn, "OPENED", [value.id]);
    const { searched: _, ...rest } = state;
    return goTo({ ...rest, step: "help.article", article: value.id });
  },
  back: async (_turn, state) => goTo(state.resume),
};

/** After a field's answer: the suggestions first, when the knowledge base has something to say. */
export const suggestBefore = (
  turn: Turn,
  next: ConversationState | null,
  origin: "subject" | "message",
  query: string,
): Outcome => {
  const resume = flowUnder(next);
  if (!turn.deps.knowledge || !resume || next !== resume) return goTo(next);
  return goTo({
    step: "help.suggest",
    resume,
    origin,
    query: query.slice(0, 400),
    articles: [],
    tickets: [],
    searched: false,
  });
};
