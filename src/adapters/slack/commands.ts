import { fold } from "../../core/shared/fold.js";
import type { Priority } from "../../core/ticket/priority.js";
import type { PublicStatus } from "../../core/ticket/status.js";
import type { TaxonomyOption } from "../../core/ticket/taxonomy.js";
import { parseTicketRef } from "../../core/ticket/ticket-ref.js";

export type StatusFilter = "all" | PublicStatus;

/** What `/ticket <text>` asks for. */
export type TicketCommand =
  | { readonly kind: "open" }
  | { readonly kind: "help" }
  | { readonly kind: "web" }
  | {
      readonly kind: "list";
      readonly filter: StatusFilter;
      readonly priority?: Priority;
      /** A department code. */
      readonly department?: string;
    }
  | { readonly kind: "search"; readonly text: string }
  | { readonly kind: "numbers" }
  | { readonly kind: "detail"; readonly ticket: number }
  | { readonly kind: "reply"; readonly ticket: number; readonly text: string }
  | { readonly kind: "close"; readonly ticket: number }
  | { readonly kind: "contact"; readonly ticket: number }
  | { readonly kind: "invalid" };

/** Subcommands and filters in English (as the help shows them) and in Portuguese. */
const VERBS: Readonly<
  Record<string, "help" | "list" | "reply" | "close" | "open" | "contact" | "search" | "numbers" | "web">
> = {
  web: "web",
  contact: "contact",
  contato: "contact",
  contatar: "contact",
  search: "search",
  pesquisar: "search",
  buscar: "search",
  find: "search",
  numbers: "numbers",
  numeros: "numbers",
  stats: "numbers",
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

const PRIORITY_WORDS: Readonly<Record<string, Priority>> = {
  high: "HIGH",
  alta: "HIGH",
  alto: "HIGH",
  medium: "MEDIUM",
  media: "MEDIUM",
  medio: "MEDIUM",
  low: "LOW",
  baixa: "LOW",
  baixo: "LOW",
};

/** `list` takes a status, a priority and a department, in any order, each at most once. */
const parseList = (words: readonly string[], departments: readonly TaxonomyOption[]): TicketCommand => {
  let filter: StatusFilter | undefined;
  let priority: Priority | undefined;
  let department: string | undefined;
  for (const word of words) {
    const key = fold(word);
    const status = FILTERS[key];
    const level = PRIORITY_WORDS[key];
    const dep = departments.find((d) => [d.code, ...Object.values(d.labels)].some((n) => fold(n) === key));
    if (status && !filter) filter = status;
    else if (level && !priority) priority = level;
    else if (dep && !department) department = dep.code;
    else return { kind: "invalid" };
  }
  return {
    kind: "list",
    filter: filter ?? "all",
    ...(priority ? { priority } : {}),
    ...(department ? { department } : {}),
  };
};

/** Parses the text after the command; a ticket reference alone shows that ticket. */
export const parseTicketCommand = (
  raw: string,
  departments: readonly TaxonomyOption[] = [],
): TicketCommand => {
  const text = raw.trim();
  if (text === "") return { kind: "open" };
  const [first = "", second = "", ...rest] = text.split(/\s+/);
  const verb = VERBS[fold(first)];
  if (!verb) {
    const ticket = parseTicketRef(first);
    return ticket !== null && second === "" ? { kind: "detail", ticket } : { kind: "invalid" };
  }
  switch (verb) {
    case "help":
    case "open":
    case "web":
      return second === "" ? { kind: verb } : { kind: "invalid" };
    case "list":
      return parseList(second === "" ? [] : [second, ...rest], departments);
    case "numbers":
      return second === "" ? { kind: "numbers" } : { kind: "invalid" };
    case "search": {
      const words = text.replace(/^\S+\s*/, "").trim();
      return words === "" || words.length > 200 ? { kind: "invalid" } : { kind: "search", text: words };
    }
    case "close":
    case "contact": {
      const ticket = parseTicketRef(second);
      return ticket !== null && rest.length === 0 ? { kind: verb, ticket } : { kind: "invalid" };
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
