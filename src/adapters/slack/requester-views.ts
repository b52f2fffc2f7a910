import { catalogues, conversationCatalogues, type Lang } from "../../core/i18n/index.js";
import type { TicketDetail } from "../../core/ticket/service.js";
import { PUBLIC_STATUS_OF, TICKET_STATUSES, type TicketStatus } from "../../core/ticket/status.js";
import { labelOf, type Taxonomy } from "../../core/ticket/taxonomy.js";
import type { Ticket, TicketEvent } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import type { StatusFilter } from "./commands.js";
import { clip, escapeMrkdwn, LIMITS } from "./text.js";

/** How a requester's answers are worded: their language and the service's time zone. */
export interface RequesterView {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly taxonomy: Taxonomy;
  /** The requester's own contact, named "You" in the history. */
  readonly contactId: string;
}

const lastReply = (ticket: Ticket, view: RequesterView): string | null => {
  const t = conversationCatalogues[view.lang];
  if (!ticket.lastReply) return null;
  const who =
    ticket.lastReply.by === "AGENT" ? t.tickets.support(ticket.lastReply.name) : ticket.lastReply.name;
  return t.tickets.lastReply(t.dateTime(ticket.lastReply.at, view.timeZone), who);
};

/** The seed portal's columns: status, priority, department, created and last reply. */
export const ticketLine = (ticket: Ticket, view: RequesterView): string => {
  const core = catalogues[view.lang];
  const t = conversationCatalogues[view.lang];
  const status = core.publicStatus[PUBLIC_STATUS_OF[ticket.status]];
  const department = labelOf(view.taxonomy.departments, ticket.department, view.lang);
  const created = t.tickets.created(t.dateTime(ticket.createdAt, view.timeZone));
  const reply = lastReply(ticket, view);
  const columns = [status, core.priority[ticket.priority], department, created, ...(reply ? [reply] : [])];
  return `• *${formatTicketId(ticket.number)}* — ${escapeMrkdwn(ticket.subject)} · ${escapeMrkdwn(columns.join(" · "))}`;
};

export const ticketListText = (
  tickets: readonly Ticket[],
  filter: StatusFilter,
  view: RequesterView,
  searched?: string,
): string => {
  const t = conversationCatalogues[view.lang].tickets;
  const words = searched ? escapeMrkdwn(t.narrowedBy([`“${searched}”`])) : null;
  if (tickets.length === 0) return [t.empty(filter), ...(words ? [words] : [])].join("\n");
  return clip(
    [
      `*${t.title(filter, false)}*`,
      ...(words ? [words] : []),
      ...tickets.map((ticket) => ticketLine(ticket, view)),
    ].join("\n"),
    LIMITS.sectionText,
  );
};

const statusLabel = (lang: Lang, value: string | null): string =>
  value && (TICKET_STATUSES as readonly string[]).includes(value)
    ? catalogues[lang].status[value as TicketStatus]
    : (value ?? "");

const eventLine = (event: TicketEvent, view: RequesterView): string | null => {
  const t = conversationCatalogues[view.lang].tickets;
  const files =
    event.attachments.length > 0 ? ` ${t.event.files(event.attachments.map((a) => a.fileName))}` : "";
  switch (event.kind) {
    case "MESSAGE":
      return `${event.body ?? ""}${files}`.trim();
    case "STATUS_CHANGED":
      return t.event.status(statusLabel(view.lang, event.from), statusLabel(view.lang, event.to));
    case "CONTACT_REQUESTED":
      return t.event.contactRequested;
    case "CONTACT_DONE":
      return t.event.contactDone;
    case "RATED":
      return t.event.rated(Number(event.to), event.body);
    default:
      return null;
  }
};

/** A ticket's details, public history and time in each status, as the chat flow shows them. */
export const ticketDetailText = (detail: TicketDetail, view: RequesterView): string => {
  const c = conversationCatalogues[view.lang];
  const core = catalogues[view.lang];
  const { ticket } = detail;
  const when = (date: Date) => c.dateTime(date, view.timeZone);
  const f = c.tickets.fields;
  const who = (event: TicketEvent) =>
    event.actor.kind === "AGENT"
      ? c.tickets.support(event.actor.name)
      : event.actor.id === view.contactId
        ? c.tickets.you
        : event.actor.name;
  const fields = [
    [f.status, `${core.publicStatus[detail.publicStatus]} (${core.status[ticket.status]})`],
    [f.priority, core.priority[ticket.priority]],
    [f.department, labelOf(view.taxonomy.departments, ticket.department, view.lang)],
    [f.type, labelOf(view.taxonomy.types, ticket.type, view.lang)],
    [f.opened, when(ticket.createdAt)],
    [f.lastReply, lastReply(ticket, view) ?? c.tickets.none],
    [f.readBySupport, detail.readMark ? c.tickets.readAt(when(detail.readMark.at)) : c.tickets.no],
    ...(ticket.rating ? [[f.rating, `${ticket.rating.score}/5`]] : []),
  ].map(([label, value]) => `${label}: ${escapeMrkdwn(value ?? "")}`);
  const history = detail.events.flatMap((event) => {
    const line = eventLine(event, view);
    return line === null
      ? []
      : [`${when(event.createdAt)} ${escapeMrkdwn(who(event))}: ${escapeMrkdwn(line)}`];
  });
  const times = TICKET_STATUSES.filter((s) => detail.timeInStatus[s] > 0).map(
    (s) => `${core.status[s]}: ${c.duration(detail.timeInStatus[s])}`,
  );
  return clip(
    [
      `*${formatTicketId(ticket.number)} — ${escapeMrkdwn(ticket.subject)}*`,
      ...fields,
      "",
      `*${c.tickets.historyTitle}:*`,
      ...history,
      "",
      `*${c.tickets.timeInStatusTitle}:*`,
      ...times,
    ].join("\n"),
    LIMITS.sectionText,
  );
};
