import type { PublicStatus } from "../../core/ticket/status.js";
import { parseTicketRef } from "../../core/ticket/ticket-ref.js";

export type StatusFilter = "all" | PublicStatus;

/** What `/ticket <text>` asks for. */
export type TicketCommand =
  | { readonly kind: "open" }
  | { readonly kind: "help" }
  | { readonly kind: "web" }
  | { readonly kind: "list"; readonly filter: StatusFilter }
  | { readonly kind: "detail"; readonly ticket: number }
  | { readonly kind: "reply"; readonly ticket: number; readonly text: string }
  | { readonly kind: "close"; readonly ticket: number }
  | { readonly kind: "invalid" };

/** Subcommands and filters in English (as the help shows them) and in Portuguese. */
const VERBS: Readonly<Record<string, "help" | "list" | "reply" | "close" | "open" | "web">> = {
  web: "web",
  help: "help",
  ajuda: "help",
  list: "list",
  listar: "list",
  lista: "list",
  reply: "reply",
  responder: "reply",
  close: "close",
  encerrar: "close",
  fechar: "close",
  new: "open",
  novo: "open",
};

const FILTERS: Readonly<Record<string, StatusFilter>> = {
  all: "all",
  todos: "all",
  open: "OPEN",
  aberto: "OPEN",
  abertos: "OPEN",
  answered: "ANSWERED",
  respondido: "ANSWERED",
  respondidos: "ANSWERED",
  closed: "CLOSED",
  encerrado: "CLOSED",
  encerrados: "CLOSED",
  fechado: "CLOSED",
  fechados: "CLOSED",
};

/** Parses the text after the command; a ticket reference alone shows that ticket. */
export const parseTicketCommand = (raw: string): TicketCommand => {
  const text = raw.trim();
  if (text === "") return { kind: "open" };
  const [first = "", second = "", ...rest] = text.split(/\s+/);
  const verb = VERBS[first.toLowerCase()];
  if (!verb) {
    const ticket = parseTicketRef(first);
    return ticket !== null && second === "" ? { kind: "detail", ticket } : { kind: "invalid" };
  }
  switch (verb) {
    case "help":
    case "open":
    case "web":
      return second === "" ? { kind: verb } : { kind: "invalid" };
    case "list": {
      const filter = second === "" ? "all" : FILTERS[second.toLowerCase()];
      return filter && rest.length === 0 ? { kind: "list", filter } : { kind: "invalid" };
    }
    case "close": {
      const ticket = parseTicketRef(second);
      return ticket !== null && rest.length === 0 ? { kind: "close", ticket } : { kind: "invalid" };
    }
    case "reply": {
      const ticket = parseTicketRef(second);
      // The reply keeps its own spacing and line breaks: only what precedes it is cut.
      const body = text.replace(/^\S+\s+\S+\s*/, "");
      return ticket !== null && body.trim() !== ""
        ? { kind: "reply", ticket, text: body }
        : { kind: "invalid" };
    }
  }
};
