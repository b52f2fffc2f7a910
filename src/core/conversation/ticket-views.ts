import type { TicketDetail } from "../ticket/service.js";
import { PUBLIC_STATUS_OF, statusesOfPublic, TICKET_STATUSES, type TicketStatus } from "../ticket/status.js";
import { labelOf } from "../ticket/taxonomy.js";
import type { Ticket, TicketEvent } from "../ticket/ticket.js";
import { formatTicketId } from "../ticket/ticket-ref.js";
import type { Choice } from "./choices.js";
import type { TicketDetailView, TicketListItem } from "./prompt.js";
import type { Turn } from "./turn.js";

/** Statuses a supplier still waits on or answers: "open" in the dialogue's sense. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = [
  ...statusesOfPublic("OPEN"),
  ...statusesOfPublic("ANSWERED"),
];

export const refOf = (ticket: Pick<Ticket, "number">): string => formatTicketId(ticket.number);
/** The form the service's lookups accept for a number. */
export const lookup = (ticketNumber: number): string => formatTicketId(ticketNumber);

const when = (turn: Turn, date: Date): string => turn.t.dateTime(date, turn.deps.settings.timeZone);

const who = (turn: Turn, actor: TicketEvent["actor"]): string => {
  if (actor.kind === "AGENT") return turn.t.tickets.support(actor.name);
  if (actor.kind === "SYSTEM") return actor.name;
  return actor.id === turn.contact.id ? turn.t.tickets.you : actor.name;
};

const replier = (turn: Turn, last: NonNullable<Ticket["lastReply"]>): string =>
  last.by === "AGENT" ? turn.t.tickets.support(last.name) : last.name;

/** "02/03 12:00 (Suporte: Ana)": when and by whom, for a field already labelled "last reply". */
const lastReplyValue = (turn: Turn, ticket: Ticket): string | null =>
  ticket.lastReply ? `${when(turn, ticket.lastReply.at)} (${replier(turn, ticket.lastReply)})` : null;

export const lastReplyOf = (turn: Turn, ticket: Ticket): string | null =>
  ticket.lastReply
    ? turn.t.tickets.lastReply(when(turn, ticket.lastReply.at), replier(turn, ticket.lastReply))
    : null;

export const statusLabel = (turn: Turn, ticket: Ticket): string =>
  turn.core.publicStatus[PUBLIC_STATUS_OF[ticket.status]];

/** Priority and department, the columns a supplier filters by. */
const detailsOf = (turn: Turn, ticket: Ticket): string =>
  `${turn.core.priority[ticket.priority]} · ${labelOf(turn.deps.taxonomy.departments, ticket.department, turn.lang)}`;

const createdOf = (turn: Turn, ticket: Ticket): string =>
  turn.t.tickets.created(when(turn, ticket.createdAt));

/** A ticket as a list line: the seed portal's columns (status, priority, department, created, last reply). */
export const ticketChoice = (turn: Turn, ticket: Ticket, id: string): Choice<number> => ({
  id,
  label: `${refOf(ticket)} — ${ticket.subject}`,
  aliases: [refOf(ticket)],
  description: [
    statusLabel(turn, ticket),
    detailsOf(turn, ticket),
    createdOf(turn, ticket),
    lastReplyOf(turn, ticket),
  ]
    .filter(Boolean)
    .join(" · "),
  value: ticket.number,
});

export const listItem = (turn: Turn, ticket: Ticket, optionId: string): TicketListItem => ({
  ref: refOf(ticket),
  subject: ticket.subject,
  publicStatus: PUBLIC_STATUS_OF[ticket.status],
  statusLabel: statusLabel(turn, ticket),
  lastReply: lastReplyOf(turn, ticket),
  details: detailsOf(turn, ticket),
  created: createdOf(turn, ticket),
  optionId,
});

/** The public history: messages, status moves in public words, contact requests and ratings. */
const eventText = (turn: Turn, event: TicketEvent): string | null => {
  const e = turn.t.tickets.event;
  const files = event.attachments.length > 0 ? ` ${e.files(event.attachments.map((a) => a.fileName))}` : "";
  switch (event.kind) {
    case "MESSAGE":
      return `${event.body ?? ""}${files}`.trim();
    case "STATUS_CHANGED": {
      const label = (s: string | null) =>
        s && (TICKET_STATUSES as readonly string[]).includes(s)
          ? turn.core.status[s as TicketStatus]
          : (s ?? "");
      return e.status(label(event.from), label(event.to));
    }
    case "CONTACT_REQUESTED":
      return e.contactRequested;
    case "CONTACT_DONE":
      return e.contactDone;
    case "RATED":
      return e.rated(Number(event.to), event.body);
    default:
      return null;
  }
};

export const detailView = (turn: Turn, detail: TicketDetail): TicketDetailView => {
  const { ticket } = detail;
  const f = turn.t.tickets.fields;
  const taxonomy = turn.deps.taxonomy;
  const fields = [
    {
      label: f.status,
      value: `${turn.core.publicStatus[detail.publicStatus]} (${turn.core.status[ticket.status]})`,
    },
    { label: f.priority, value: turn.core.priority[ticket.priority] },
    { label: f.department, value: labelOf(taxonomy.departments, ticket.department, turn.lang) },
    { label: f.type, value: labelOf(taxonomy.types, ticket.type, turn.lang) },
    ...(ticket.requester.personId === turn.actor.personId
      ? []
      : [{ label: f.requester, value: ticket.requester.displayName }]),
    { label: f.opened, value: when(turn, ticket.createdAt) },
    { label: f.lastReply, value: lastReplyValue(turn, ticket) ?? turn.t.tickets.none },
    {
      label: f.readBySupport,
      value: detail.readMark ? turn.t.tickets.readAt(when(turn, detail.readMark.at)) : turn.t.tickets.no,
    },
    ...(ticket.contactRequestedAt
      ? [{ label: f.contactRequested, value: when(turn, ticket.contactRequestedAt) }]
      : []),
    ...(ticket.rating ? [{ label: f.rating, value: `${ticket.rating.score}/5` }] : []),
  ];
  const history = detail.events.flatMap((event) => {
    const line = eventText(turn, event);
    return line === null
      ? []
      : [{ at: when(turn, event.createdAt), who: who(turn, event.actor), text: line }];
  });
  const timeInStatus = TICKET_STATUSES.filter((s) => detail.timeInStatus[s] > 0).map((s) => ({
    label: turn.core.status[s],
    duration: turn.t.duration(detail.timeInStatus[s]),
  }));
  return {
    ref: refOf(ticket),
    subject: ticket.subject,
    publicStatus: detail.publicStatus,
    fields,
    historyTitle: turn.t.tickets.historyTitle,
    history,
    timeInStatusTitle: turn.t.tickets.timeInStatusTitle,
    timeInStatus,
    readBySupport: detail.readBySupport,
  };
};
