import type { ConversationWords } from "../i18n/conversation-catalogue.js";
import { conversationCatalogues } from "../i18n/index.js";
import { LANGS, type Lang } from "../i18n/lang.js";
import { fold } from "../shared/fold.js";
import { parseTicketRef } from "../ticket/ticket-ref.js";
import { languageFromArgument } from "./flows/language.js";
import type { InboundInput } from "./inbound.js";
import { type GlobalAction, parseGlobalOptionId } from "./option-ids.js";
import type { ConversationState, StepName } from "./state.js";

/** What a message means regardless of the step it arrives at. */
export type Intent =
  | { readonly kind: "cancel" | "back" | "help" | "newTicket" | "myTickets" | "browser" }
  | { readonly kind: "menu"; readonly greeting: boolean }
  | { readonly kind: "language"; readonly lang: Lang | null }
  | { readonly kind: "ticket"; readonly ticket: number }
  | { readonly kind: "global"; readonly action: GlobalAction };

/** Steps whose answer is free text: there, only the control words are taken as commands. */
const FREE_TEXT: ReadonlySet<StepName> = new Set([
  "open.subject",
  "open.message",
  "tickets.reply",
  "rating.comment",
]);
/** Steps whose own options are tickets: a typed ticket reference answers them rather than leaving. */
const TICKET_ANSWERS: ReadonlySet<StepName> = new Set(["open.similar", "tickets.list"]);

const words = (pick: (w: ConversationWords) => readonly string[]): ReadonlySet<string> =>
  new Set(LANGS.flatMap((l) => pick(conversationCatalogues[l].words).map(fold)));

const WORDS = {
  cancel: words((w) => w.cancel),
  back: words((w) => w.back),
  help: words((w) => w.help),
  menu: words((w) => w.menu),
  greetings: words((w) => w.greetings),
  language: words((w) => w.language),
  newTicket: words((w) => w.newTicket),
  myTickets: words((w) => w.myTickets),
  browser: words((w) => w.browser),
};

/** Ticket references typed with their prefix ("TKT-000123", "#123"); bare numbers answer the question instead. */
const PREFIXED_REF = /^(#|tkt-?)\s*\d+$/i;

const fromCommand = (name: string, args: readonly string[]): Intent => {
  switch (name) {
    case "start":
    case "menu":
      return { kind: "menu", greeting: name === "start" };
    case "new":
      return { kind: "newTicket" };
    case "tickets":
      return { kind: "myTickets" };
    case "ticket": {
      const ticket = args[0] ? parseTicketRef(args[0]) : null;
      return ticket === null ? { kind: "myTickets" } : { kind: "ticket", ticket };
    }
    case "cancel":
    case "back":
      return { kind: name };
    case "web":
    case "browser":
      return { kind: "browser" };
    case "language":
      return { kind: "language", lang: languageFromArgument(args[0]) };
    default:
      return { kind: "help" };
  }
};

const fromText = (raw: string, state: ConversationState | null): Intent | null => {
  const text = fold(raw).replace(/^\//, "");
  if (WORDS.cancel.has(text)) return { kind: "cancel" };
  if (WORDS.back.has(text)) return { kind: "back" };
  if (WORDS.help.has(text)) return { kind: "help" };
  if (WORDS.menu.has(text)) return { kind: "menu", greeting: state === null };
  const [first = "", ...rest] = text.split(/\s+/);
  if (WORDS.language.has(first) && rest.length <= 1)
    return { kind: "language", lang: languageFromArgument(rest[0]) };
  if (state !== null && FREE_TEXT.has(state.step)) return null;
  if (WORDS.newTicket.has(text)) return { kind: "newTicket" };
  if (WORDS.myTickets.has(text)) return { kind: "myTickets" };
  if (WORDS.browser.has(text)) return { kind: "browser" };
  if (PREFIXED_REF.test(text) && !(state && TICKET_ANSWERS.has(state.step))) {
    const ticket = parseTicketRef(text);
    if (ticket !== null) return { kind: "ticket", ticket };
  }
  if (state === null && WORDS.greetings.has(text.replace(/[!.,]+$/, "")))
    return { kind: "menu", greeting: true };
  return null;
};

export const recognize = (input: InboundInput, state: ConversationState | null): Intent | null => {
  switch (input.kind) {
    case "command":
      return fromCommand(input.name, input.args);
    case "choice": {
      const action = parseGlobalOptionId(input.id);
      return action ? { kind: "global", action } : null;
    }
    case "text":
      return fromText(input.text, state);
    case "files":
      return null;
  }
};
