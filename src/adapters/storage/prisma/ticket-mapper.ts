import type { TicketPatch } from "../../../core/ports/ticket-repository.js";
import type { AttachmentMeta, Ticket, TicketEvent } from "../../../core/ticket/ticket.js";
import type { Prisma } from "./client.js";

export const ticketInclude = { requester: true } as const;
type TicketRow = Prisma.TicketGetPayload<{ include: typeof ticketInclude }>;
type EventRow = Prisma.TicketEventGetPayload<{ include: { attachments: true } }>;

export const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  number: row.number,
  subject: row.subject,
  department: row.department,
  priority: row.priority,
  type: row.type,
  status: row.status,
  channel: row.channel,
  requester: {
    contactId: row.requesterContactId,
    personId: row.requesterPersonId,
    channel: row.requester.channel,
    displayName: row.requester.displayName,
  },
  organizationId: row.organizationId,
  assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? row.assigneeId } : null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  statusChangedAt: row.statusChangedAt,
  lastReply:
    row.lastReplyAt && row.lastReplyBy
      ? { at: row.lastReplyAt, by: row.lastReplyBy, name: row.lastReplyName ?? "" }
      : null,
  firstResponseAt: row.firstResponseAt,
  closedAt: row.closedAt,
  requesterLastMessageAt: row.requesterLastMsgAt,
  agentReadAt: row.agentReadAt,
  contactRequestedAt: row.contactRequestedAt,
  rating: row.rating !== null ? { score: row.rating, comment: row.ratingComment } : null,
  sla: { pausedMs: Number(row.slaPausedMs), pausedSince: row.slaPausedSince },
  tags: row.tags,
  mergedInto:
    row.mergedIntoId && row.mergedIntoNumber !== null
      ? { id: row.mergedIntoId, number: row.mergedIntoNumber }
      : null,
  version: row.version,
});

const toAttachment = (row: EventRow["attachments"][number]): AttachmentMeta => ({
  id: row.id,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
  storageKey: row.storageKey,
});

export const toEvent = (row: EventRow): TicketEvent => ({
  id: String(row.id),
  ticketId: row.ticketId,
  kind: row.kind,
  actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
  body: row.body,
  from: row.fromValue,
  to: row.toValue,
  createdAt: row.createdAt,
  attachments: row.attachments.map(toAttachment),
  ...(row.sourceKey ? { sourceKey: row.sourceKey } : {}),
  ...(row.withdrawnAt ? { withdrawnAt: row.withdrawnAt } : {}),
});

/** Column updates for a patch; a key absent from the patch leaves its column alone. */
export const toTicketUpdate = (patch: TicketPatch): Prisma.TicketUncheckedUpdateInput => {
  const data: Prisma.TicketUncheckedUpdateInput = {};
  if (patch.status !== undefined) data.status = patch.status;
  if (patch.statusChangedAt !== undefined) data.statusChangedAt = patch.statusChangedAt;
  if (patch.closedAt !== undefined) data.closedAt = patch.closedAt;
  if (patch.priority !== undefined) data.priority = patch.priority;
  if (patch.department !== undefined) data.department = patch.department;
  if (patch.assignee !== undefined) {
    data.assigneeId = patch.assignee?.id ?? null;
    data.assigneeName = patch.assignee?.name ?? null;
  }
  if (patch.lastReply !== undefined) {
    data.lastReplyAt = patch.lastReply?.at ?? null;
    data.lastReplyBy = patch.lastReply?.by ?? null;
    data.lastReplyName = patch.lastReply?.name ?? null;
  }
  if (patch.firstResponseAt !== undefined) data.firstResponseAt = patch.firstResponseAt;
  if (patch.requesterLastMessageAt !== undefined) data.requesterLastMsgAt = patch.requesterLastMessageAt;
  if (patch.agentReadAt !== undefined) data.agentReadAt = patch.agentReadAt;
  if (patch.contactRequestedAt !== undefined) data.contactRequestedAt = patch.contactRequestedAt;
  if (patch.rating !== undefined) {
    data.rating = patch.rating?.score ?? null;
    data.ratingComment = patch.rating?.comment ?? null;
  }
  if (patch.tags !== undefined) data.tags = [...patch.tags];
  if (patch.mergedInto !== undefined) {
    data.mergedIntoId = patch.mergedInto?.id ?? null;
    data.mergedIntoNumber = patch.mergedInto?.number ?? null;
  }
  if (patch.sla !== undefined) {
    data.slaPausedMs = BigInt(patch.sla.pausedMs);
    data.slaPausedSince = patch.sla.pausedSince;
  }
  return data;
};
