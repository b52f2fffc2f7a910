import type { ContactRecord } from "../ports/directory.js";
import type { RequesterIdentity } from "./service.js";
import type { Actor } from "./ticket.js";

export type RequesterActor = Extract<Actor, { kind: "requester" }>;

/** A contact acting on tickets as a requester; an organization admin sees their organization's. */
export const actorOf = (contact: ContactRecord): RequesterActor => ({
  kind: "requester",
  contactId: contact.id,
  personId: contact.person.id,
  organizationId: contact.person.organizationId,
  name: contact.displayName,
  orgAdmin: contact.person.role === "ORG_ADMIN",
});

/** Who a ticket opened for this contact belongs to. */
export const identityOf = (contact: ContactRecord): RequesterIdentity => ({
  contactId: contact.id,
  personId: contact.person.id,
  organizationId: contact.person.organizationId,
  displayName: contact.displayName,
  channel: contact.channel,
});
