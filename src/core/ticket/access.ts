import type { Actor, Ticket } from "./ticket.js";

/**
 * Who may see a ticket: agents and the system see all; a requester sees their own tickets, and an
 * organization admin every ticket of their organization. Callers answer "not found" otherwise, so
 * an id typed by a stranger does not even reveal that the ticket exists.
 */
export const canView = (actor: Actor, ticket: Pick<Ticket, "organizationId" | "requester">): boolean => {
  if (actor.kind !== "requester") return true;
  if (ticket.organizationId !== actor.organizationId) return false;
  return actor.orgAdmin || ticket.requester.personId === actor.personId;
};

export type RequesterAction = "reply" | "close" | "requestContact" | "rate";

/** Agent-only actions (status, priority, department, assignment, read marks) are refused to requesters. */
export const canActAsAgent = (actor: Actor): boolean => actor.kind !== "requester";
