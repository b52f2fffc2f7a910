import type { Catalogue } from "../../core/i18n/catalogue.js";
import type { DashboardCounts, Page } from "../../core/ports/ticket-repository.js";
import type { TicketDetail } from "../../core/ticket/service.js";
import { PUBLIC_STATUS_OF, TICKET_STATUSES } from "../../core/ticket/status.js";
import type { Ticket, TicketEvent } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import type { CliLabels } from "./labels.js";

/** The JSON shape of a ticket: the domain object plus its public id and public status. */
export const ticketJson = (ticket: Ticket) => ({
  publicId: formatTicketId(ticket.number),
  publicStatus: PUBLIC_STATUS_OF[ticket.status],
  ...ticket,
});

export const duration = (ms: number): string => {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d${hours % 24}h`;
};

/** "2026-03-05 14:07 -03:00": the time in TIME_ZONE, with its offset so it is never mistaken for UTC. */
export const formatTime = (date: Date, timeZone: string): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === "GMT" ? "+00:00" : String(parts.timeZoneName).replace("GMT", "");
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${offset}`;
};

/** What rendering needs of the run: the core's words, the CLI's, and the time zone. */
export interface View {
  readonly catalogue: Catalogue;
  readonly labels: CliLabels;
  readonly timeZone: string;
}

export const ticketLine = (t: Ticket, c: Catalogue): string =>
  [
    formatTicketId(t.number),
    c.publicStatus[PUBLIC_STATUS_OF[t.status]].padEnd(10),
    t.status.padEnd(20),
    c.priority[t.priority].padEnd(6),
    t.department.padEnd(10),
    t.subject,
    ...(t.tags.length > 0 ? [t.tags.map((tag) => `#${tag}`).join(" ")] : []),
  ].join("  ");

export const pageText = (page: Page<Ticket>, v: View): string => {
  const lines = page.items.map((t) => ticketLine(t, v.catalogue));
  if (lines.length === 0) lines.push(v.labels.noTickets);
  if (page.nextCursor) lines.push(`${v.labels.nextPage}: --cursor ${page.nextCursor}`);
  return lines.join("\n");
};

const KIND: Record<TicketEvent["actor"]["kind"], keyof CliLabels> = {
  AGENT: "agent",
  REQUESTER: "requesterKind",
  SYSTEM: "system",
};

const eventLine = (e: TicketEvent, v: View): string => {
  const { catalogue: c, labels: l } = v;
  const who = `${e.actor.name} (${l[KIND[e.actor.kind]]})`;
  const files = e.attachments.map((a) => ` [${a.fileName}, ${a.contentType}, ${a.size} B]`).join("");
  const status = (s: string | null) => c.status[s as Ticket["status"]] ?? s;
  switch (e.kind) {
    case "MESSAGE":
      return `${who}: ${e.body ?? ""}${files}`;
    case "NOTE":
      return `${who} ${l.internalNote}: ${e.body ?? ""}${files}`;
    case "STATUS_CHANGED":
      return `${who} ${l.changedStatus} ${status(e.from)} -> ${status(e.to)}`;
    case "PRIORITY_CHANGED":
      return `${who} ${l.changedPriority} ${c.priority[e.from as Ticket["priority"]] ?? e.from} -> ${c.priority[e.to as Ticket["priority"]] ?? e.to}`;
    case "DEPARTMENT_CHANGED":
      return `${who} ${l.movedDepartment} ${e.from} -> ${e.to}`;
    case "ASSIGNEE_CHANGED":
      return `${who} ${l.assigned} ${e.from ?? l.nobody} -> ${e.to ?? l.nobody}`;
    case "CONTACT_REQUESTED":
      return `${who} ${l.askedContact}`;
    case "AGENT_READ":
      return `${who} ${l.readMessages}`;
    case "RATED":
      return `${who} ${l.rated} ${e.to}/5${e.body ? `: ${e.body}` : ""}`;
    case "DELIVERY_FAILED":
      return `${l.deliveryFailed}: ${e.body ?? ""}`;
    case "CONTACT_DONE":
      return `${who} ${l.contactDone}`;
    case "REPLY_WITHDRAWN":
      return `${who} ${l.withdrewReply}${e.to ? `; ${l.statusBackTo} ${status(e.to)}` : ""}`;
    case "TAGS_CHANGED":
      return `${who} ${l.tagged} ${e.from ?? "-"} -> ${e.to ?? "-"}`;
    case "MERGED_INTO":
      return `${who} ${l.mergedInto} ${e.to ?? ""}`;
    case "MERGED_FROM":
      return `${who} ${l.mergedFrom(e.from ?? "")}${e.body ? `\n${e.body}` : ""}`;
  }
};

export const detailText = (d: TicketDetail, v: View): string => {
  const { catalogue: c, labels: l } = v;
  const when = (date: Date | null): string => (date ? formatTime(date, v.timeZone) : "-");
  const t = d.ticket;
  const label = (text: string) => `${text}:`.padEnd(13);
  const lines = [
    `${formatTicketId(t.number)}  ${t.subject}`,
    `${label(l.status)}${c.publicStatus[d.publicStatus]} (${c.status[t.status]})`,
    `${label(l.priority)}${c.priority[t.priority]}    ${l.department}: ${t.department}    ${l.type}: ${t.type}`,
    `${label(l.requester)}${t.requester.displayName} ${l.via} ${t.requester.channel}    ${l.openedOn} ${t.channel}`,
    `${label(l.assignee)}${t.assignee?.name ?? "-"}`,
    `${label(l.created)}${when(t.createdAt)}    ${l.updated}: ${when(t.updatedAt)}`,
    `${label(l.lastReply)}${t.lastReply ? `${when(t.lastReply.at)} ${l.by} ${t.lastReply.name}` : "-"}`,
    `${l.readBySupport}: ${d.readMark ? `${when(d.readMark.at)}${d.readMark.by ? ` ${l.by} ${d.readMark.by.name}` : ""}` : l.no}${t.contactRequestedAt ? `    ${l.contactRequested} ${when(t.contactRequestedAt)}` : ""}`,
  ];
  if (t.rating)
    lines.push(`${label(l.rating)}${t.rating.score}/5${t.rating.comment ? ` "${t.rating.comment}"` : ""}`);
  lines.push(
    `${l.timeInStatus}: ${TICKET_STATUSES.filter((s) => d.timeInStatus[s] > 0)
      .map((s) => `${c.status[s]} ${duration(d.timeInStatus[s])}`)
      .join(", ")}`,
    "",
    `${l.history}:`,
    ...d.events.map(
      (e) => `  ${when(e.createdAt)}  ${e.withdrawnAt ? `${l.withdrawn} ` : ""}${eventLine(e, v)}`,
    ),
  );
  return lines.join("\n");
};

export const statsText = (s: DashboardCounts, v: View): string => {
  const { catalogue: c, labels: l } = v;
  return [
    `${l.total} ${s.total}   ${l.open} ${s.open}   ${l.answered} ${s.answered}   ${l.closed} ${s.closed}   ${l.highPriority} ${s.highPriority}`,
    `${l.byStatus}: ${TICKET_STATUSES.map((x) => `${c.status[x]} ${s.byStatus[x]}`).join(", ")}`,
    `${l.byDepartment}: ${
      Object.entries(s.byDepartment)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ") || "-"
    }`,
  ].join("\n");
};
