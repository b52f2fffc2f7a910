import type { TicketDetail } from "../../core/ticket/service.js";
import { PUBLIC_STATUS_OF } from "../../core/ticket/status.js";
import type { Ticket, TicketEvent } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import type { SlaPolicy } from "../../core/timers/sla.js";
import { slaStatus } from "../../core/timers/sla.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A ticket as the API shows it: public id and status, and its SLA clocks as they stand now. */
export const toTicketJson = (t: Ticket, now: Date, sla: SlaPolicy) => {
  const status = slaStatus(t, now, sla);
  const clock = (c: typeof status.firstResponse) => ({ ...c, dueAt: iso(c.dueAt) });
  return {
    id: t.id,
    publicId: formatTicketId(t.number),
    number: t.number,
    subject: t.subject,
    status: t.status,
    publicStatus: PUBLIC_STATUS_OF[t.status],
    priority: t.priority,
    department: t.department,
    type: t.type,
    channel: t.channel,
    organizationId: t.organizationId,
    requester: t.requester,
    assignee: t.assignee,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    closedAt: iso(t.closedAt),
    firstResponseAt: iso(t.firstResponseAt),
    lastReply: t.lastReply ? { ...t.lastReply, at: t.lastReply.at.toISOString() } : null,
    rating: t.rating,
    tags: t.tags,
    sla: { firstResponse: clock(status.firstResponse), resolution: clock(status.resolution) },
    version: t.version,
  };
};

/** Events without storage keys: attachment bytes are not served by this API. */
export const toEventJson = (e: TicketEvent) => ({
  id: e.id,
  kind: e.kind,
  actor: e.actor,
  body: e.body,
  from: e.from,
  to: e.to,
  createdAt: e.createdAt.toISOString(),
  withdrawnAt: iso(e.withdrawnAt ?? null),
  attachments: e.attachments.map((a) => ({
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
  })),
});

export const toDetailJson = (d: TicketDetail, now: Date, sla: SlaPolicy) => ({
  ticket: toTicketJson(d.ticket, now, sla),
  events: d.events.map(toEventJson),
  timeInStatus: d.timeInStatus,
  readBySupport: d.readBySupport,
  readAt: iso(d.readMark?.at ?? null),
  readBy: d.readMark?.by ?? null,
});
