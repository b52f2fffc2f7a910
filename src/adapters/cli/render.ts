import type { Catalogue } from "../../core/i18n/catalogue.js";
import type { DashboardCounts, Page } from "../../core/ports/ticket-repository.js";
import type { TicketDetail } from "../../core/ticket/service.js";
import { PUBLIC_STATUS_OF, TICKET_STATUSES } from "../../core/ticket/status.js";
import type { Ticket, TicketEvent } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";

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

const when = (date: Date | null): string => (date ? date.toISOString().replace("T", " ").slice(0, 16) : "-");

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

export const pageText = (page: Page<Ticket>, c: Catalogue): string => {
  const lines = page.items.map((t) => ticketLine(t, c));
  if (lines.length === 0) lines.push("(no tickets)");
  if (page.nextCursor) lines.push(`next page: --cursor ${page.nextCursor}`);
  return lines.join("\n");
};

const eventLine = (e: TicketEvent, c: Catalogue): string => {
  const who = `${e.actor.name} (${e.actor.kind.toLowerCase()})`;
  const files = e.attachments.map((a) => ` [${a.fileName}, ${a.contentType}, ${a.size} B]`).join("");
  switch (e.kind) {
    case "MESSAGE":
      return `${who}: ${e.body ?? ""}${files}`;
    case "NOTE":
      return `${who} internal note: ${e.body ?? ""}${files}`;
    case "STATUS_CHANGED":
      return `${who} changed status ${e.from} -> ${e.to}`;
    case "PRIORITY_CHANGED":
      return `${who} changed priority ${c.priority[e.from as Ticket["priority"]] ?? e.from} -> ${c.priority[e.to as Ticket["priority"]] ?? e.to}`;
    case "DEPARTMENT_CHANGED":
      return `${who} moved department ${e.from} -> ${e.to}`;
    case "ASSIGNEE_CHANGED":
      return `${who} assigned ${e.from ?? "nobody"} -> ${e.to ?? "nobody"}`;
    case "CONTACT_REQUESTED":
      return `${who} asked to be contacted`;
    case "AGENT_READ":
      return `${who} read the requester's messages`;
    case "RATED":
      return `${who} rated ${e.to}/5${e.body ? `: ${e.body}` : ""}`;
    case "DELIVERY_FAILED":
      return `delivery failed: ${e.body ?? ""}`;
    case "TAGS_CHANGED":
      return `${who} tagged ${e.from ?? "-"} -> ${e.to ?? "-"}`;
    case "MERGED_INTO":
      return `${who} merged this ticket into ${e.to ?? ""}`;
    case "MERGED_FROM":
      return `${who} merged ${e.from ?? ""} here${e.body ? `\n${e.body}` : ""}`;
  }
};

export const detailText = (d: TicketDetail, c: Catalogue): string => {
  const t = d.ticket;
  const lines = [
    `${formatTicketId(t.number)}  ${t.subject}`,
    `status:      ${c.publicStatus[d.publicStatus]} (${t.status})`,
    `priority:    ${c.priority[t.priority]}    department: ${t.department}    type: ${t.type}`,
    `requester:   ${t.requester.displayName} via ${t.requester.channel}    opened on ${t.channel}`,
    `assignee:    ${t.assignee?.name ?? "-"}`,
    `created:     ${when(t.createdAt)}    updated: ${when(t.updatedAt)}`,
    `last reply:  ${t.lastReply ? `${when(t.lastReply.at)} by ${t.lastReply.name}` : "-"}`,
    `read by support: ${d.readBySupport ? "yes" : "no"}${t.contactRequestedAt ? `    contact requested ${when(t.contactRequestedAt)}` : ""}`,
  ];
  if (t.rating)
    lines.push(`rating:      ${t.rating.score}/5${t.rating.comment ? ` "${t.rating.comment}"` : ""}`);
  lines.push(
    `time in status: ${TICKET_STATUSES.filter((s) => d.timeInStatus[s] > 0)
      .map((s) => `${s} ${duration(d.timeInStatus[s])}`)
      .join(", ")}`,
    "",
    "history:",
    ...d.events.map((e) => `  ${when(e.createdAt)}  ${eventLine(e, c)}`),
  );
  return lines.join("\n");
};

export const statsText = (s: DashboardCounts): string =>
  [
    `total ${s.total}   open ${s.open}   answered ${s.answered}   closed ${s.closed}   high priority ${s.highPriority}`,
    `by status:     ${TICKET_STATUSES.map((x) => `${x} ${s.byStatus[x]}`).join(", ")}`,
    `by department: ${
      Object.entries(s.byDepartment)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "-"
    }`,
  ].join("\n");
