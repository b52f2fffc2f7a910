import type { NewTicket } from "../ports/ticket-repository.js";
import type { Ticket } from "./ticket.js";

/** A ticket as it stands the moment it is opened, once its number is allocated. */
export const openedTicket = (draft: NewTicket, ticketNumber: number): Ticket => ({
  id: draft.id,
  number: ticketNumber,
  subject: draft.subject,
  department: draft.department,
  priority: draft.priority,
  type: draft.type,
  status: "NEW",
  channel: draft.channel,
  requester: draft.requester,
  organizationId: draft.organizationId,
  assignee: null,
  createdAt: draft.createdAt,
  updatedAt: draft.createdAt,
  statusChangedAt: draft.createdAt,
  lastReply: null,
  firstResponseAt: null,
  closedAt: null,
  requesterLastMessageAt: draft.openingMessage.actor.kind === "REQUESTER" ? draft.createdAt : null,
  agentReadAt: null,
  contactRequestedAt: null,
  tags: [],
  mergedInto: null,
  rating: null,
  sla: { pausedMs: 0, pausedSince: null },
  version: 0,
});
