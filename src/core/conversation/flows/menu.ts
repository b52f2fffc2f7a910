import { parseTicketRef } from "../../ticket/ticket-ref.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { everyLanguage } from "../every-language.js";
import type { InboundInput } from "../inbound.js";
import type { Prompt } from "../prompt.js";
import type { ConversationState, FlowState } from "../state.js";
import { goTo, type MenuMood, type Outcome, type Turn, text } from "../turn.js";
import { offerFreeText } from "./offer.js";
import { newTicketState } from "./open-common.js";
import { ticketsHome } from "./tickets-list.js";

type MenuItem = "newTicket" | "myTickets" | "language" | "help";
const ITEMS: readonly MenuItem[] = ["newTicket", "myTickets", "language", "help"];

const menuChoices = (turn: Turn): Choice<MenuItem>[] =>
  ITEMS.map((item) => ({
    id: `menu.${item}`,
    label: turn.t.menu[item],
    aliases: everyLanguage((t) => t.menu[item]),
    value: item,
  }));

/** The menu is the question asked whenever no flow is in progress; it needs no session. */
export const menuPrompt = (turn: Turn, mood: MenuMood): Prompt => ({
  kind: "choice",
  text:
    mood === "greeting"
      ? turn.t.menu.greeting(turn.contact.displayName)
      : mood === "notUnderstood"
        ? turn.t.menu.notUnderstood
        : turn.t.menu.more,
  options: toOptions(menuChoices(turn)),
});

export const startOf = (item: Exclude<MenuItem, "help">, resume: FlowState | null): ConversationState =>
  item === "newTicket"
    ? newTicketState()
    : item === "myTickets"
      ? ticketsHome()
      : { step: "language", resume };

/** An answer outside any flow: a menu option, a ticket number, or free text for the contact's open ticket. */
export const answerMenu = async (turn: Turn, input: InboundInput): Promise<Outcome> => {
  const picked = matchChoice(input, menuChoices(turn));
  if (picked) {
    if (picked.value === "help") return goTo(null, text(turn.t.help.general));
    return goTo(startOf(picked.value, null));
  }
  if (input.kind === "text") {
    const ticket = parseTicketRef(input.text);
    if (ticket !== null) return goTo({ step: "tickets.detail", ticket, view: null, offered: [] });
  }
  if (input.kind === "text" || input.kind === "files") return offerFreeText(turn, input);
  // A button from an old message: the menu says what can be done now.
  return { say: [], next: null, menu: "notUnderstood" };
};
