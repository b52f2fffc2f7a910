import type { ContactRecord } from "../../../core/ports/directory.js";
import type { Result } from "../../../core/shared/result.js";
import type { CoreError } from "../../../core/ticket/errors.js";
import type { RequesterIdentity, RequesterOnDemand } from "../../../core/ticket/service.js";
import type { Ticket } from "../../../core/ticket/ticket.js";
import type { ApiPrincipal } from "../auth.js";
import { type ApiDeps, decodeFiles, sourceKeyOf } from "../deps.js";
import { type ApiOutcome, defineRoute } from "../route.js";
import {
  assigneeBody,
  type CreateTicketBody,
  createdTicket,
  createTicketBodyFor,
  departmentBody,
  priorityBody,
  replyBody,
  statusBody,
  ticketJson,
  ticketRefParams,
} from "../schemas.js";
import { toTicketJson } from "../ticket-json.js";

const problem = (status: number, code: string, detail: string): ApiOutcome => ({
  kind: "problem",
  problem: { status, code, detail },
});

/** A deactivated contact gets no new ticket, whoever opens it for them, until it is invited again. */
const deactivated: ApiOutcome = { kind: "core", error: { code: "CONTACT_DEACTIVATED" } };

/** Organization keys open tickets as their own API contact; keys of all organizations name the requester. */
const requesterFor = async (
  deps: ApiDeps,
  principal: ApiPrincipal,
  given: CreateTicketBody["requester"],
): Promise<RequesterIdentity | RequesterOnDemand | ApiOutcome> => {
  const { actor } = principal;
  if (actor.kind === "requester") {
    if (given)
      return problem(
        400,
        "INVALID_REQUEST",
        "An organization key opens tickets as itself: leave out requester.",
      );
    const channel = "API" as const;
    if ((await deps.directory.findContactById(actor.contactId))?.deactivatedAt) return deactivated;
    return {
      contactId: actor.contactId,
      personId: actor.personId,
      organizationId: actor.organizationId,
      displayName: actor.name,
      channel,
    };
  }
  if (!given)
    return problem(
      400,
      "INVALID_REQUEST",
      "Name the requester: { contactId } or { externalId, name, organizationKey }.",
    );
  const identity = (contact: ContactRecord): RequesterIdentity => ({
    contactId: contact.id,
    personId: contact.person.id,
    organizationId: contact.person.organizationId,
    displayName: contact.displayName,
    channel: contact.channel,
  });
  if ("contactId" in given) {
    const contact = await deps.directory.findContactById(given.contactId);
    if (!contact) return problem(422, "UNKNOWN_CONTACT", "No contact has that id.");
    return contact.deactivatedAt ? deactivated : identity(contact);
  }
  // Looked up before anything is made, so a refusal changes nothing (not even the contact's name).
  if ((await deps.directory.findContact("API", given.externalId))?.deactivatedAt) return deactivated;
  // Organizations are made by operators (`cli -- register`), never by a typo in an integration.
  if (!(await deps.directory.findOrganizationByKey(given.organizationKey)))
    return problem(404, "UNKNOWN_ORGANIZATION", `No organization has the key "${given.organizationKey}".`);
  // Made by the service once the ticket passed its checks: a refused ticket leaves no new contact.
  return async () =>
    identity(
      await deps.directory.ensureContact({
        channel: "API",
        platformUserId: given.externalId,
        displayName: given.name,
        organization: { key: given.organizationKey, name: given.organizationKey },
        registered: true,
      }),
    );
};

/**
 * Whether a replayed create asks for the ticket the key opened: same subject, department, type and
 * priority, compared as the core stored them (trimmed, NFC, codes in any case).
 */
const sameRequest = (
  ticket: Ticket,
  fields: { subject: string; department: string; type: string; priority: string },
): boolean =>
  ticket.subject === fields.subject.normalize("NFC").trim() &&
  ticket.department === fields.department.trim().toLowerCase() &&
  ticket.type === fields.type.trim().toLowerCase() &&
  ticket.priority === fields.priority;

const changed = (deps: ApiDeps, result: Result<Ticket, CoreError>): ApiOutcome =>
  result.ok
    ? { kind: "ok", body: toTicketJson(result.value, deps.clock.now(), deps.sla) }
    : { kind: "core", error: result.error };

const ticketResponse = {
  status: 200,
  schema: ticketJson,
  description: "The ticket after the change",
} as const;

export const ticketWriteRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "POST",
    path: "/tickets",
    operationId: "createTicket",
    summary: "Open a ticket (an Idempotency-Key header makes retries safe)",
    body: createTicketBodyFor(deps.taxonomy),
    response: {
      status: 201,
      schema: createdTicket,
      description: "Created (200 with created=false when the Idempotency-Key was seen before)",
    },
    errors: [403, 404, 422],
    async handle({ principal, body, request }) {
      const sourceKey = sourceKeyOf(request, principal);
      if (typeof sourceKey === "object") return sourceKey;
      const requester = await requesterFor(deps, principal, body.requester);
      if (typeof requester !== "function" && "kind" in requester) return requester;
      const { requester: _, attachments, ...fields } = body;
      const result = await deps.service.create(
        principal.actor,
        requester,
        { ...fields, attachments: decodeFiles(attachments), ...(sourceKey ? { sourceKey } : {}) },
        "API",
      );
      if (!result.ok) return { kind: "core", error: result.error };
      const { ticket, created } = result.value;
      if (!created && !sameRequest(ticket, fields)) {
        return problem(
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key opened another ticket with different content; use a new key for a new ticket.",
        );
      }
      const json = toTicketJson(ticket, deps.clock.now(), deps.sla);
      return {
        kind: "ok",
        status: created ? 201 : 200,
        body: { ticket: json, created },
        ...(created ? { location: `/api/v1/tickets/${json.publicId}` } : {}),
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tickets/{ref}/replies",
    operationId: "replyToTicket",
    summary: "Reply to a ticket, or add an internal note (agent keys)",
    params: ticketRefParams,
    body: replyBody,
    response: ticketResponse,
    errors: [403, 404, 409, 422],
    async handle({ principal, params, body, request }) {
      const sourceKey = sourceKeyOf(request, principal);
      if (typeof sourceKey === "object") return sourceKey;
      const input = {
        ...body,
        attachments: decodeFiles(body.attachments),
        ...(sourceKey ? { sourceKey } : {}),
      };
      return changed(deps, await deps.service.reply(principal.actor, params.ref, input));
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/tickets/{ref}/status",
    operationId: "setTicketStatus",
    summary: "Change the status (organization keys may only close: SOLVED)",
    params: ticketRefParams,
    body: statusBody,
    response: ticketResponse,
    errors: [403, 404, 409],
    async handle({ principal, params, body }) {
      return changed(deps, await deps.service.changeStatus(principal.actor, params.ref, body));
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/tickets/{ref}/priority",
    operationId: "setTicketPriority",
    summary: "Change the priority (agent keys)",
    params: ticketRefParams,
    body: priorityBody,
    response: ticketResponse,
    errors: [403, 404],
    async handle({ principal, params, body }) {
      return changed(deps, await deps.service.changePriority(principal.actor, params.ref, body));
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tickets/{ref}/contact-request",
    operationId: "requestContact",
    summary: "Ask support to contact the requester about the ticket; shown to agents with a done button",
    params: ticketRefParams,
    response: ticketResponse,
    errors: [404],
    async handle({ principal, params }) {
      return changed(deps, await deps.service.requestContact(principal.actor, params.ref));
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tickets/{ref}/contact-done",
    operationId: "markContactDone",
    summary: "Mark the requested contact made (agent keys); the requester is told",
    params: ticketRefParams,
    response: ticketResponse,
    errors: [403, 404],
    async handle({ principal, params }) {
      return changed(deps, await deps.service.contactDone(principal.actor, params.ref));
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/tickets/{ref}/department",
    operationId: "setTicketDepartment",
    summary: "Move the ticket to another department (agent keys); the requester is told",
    params: ticketRefParams,
    body: departmentBody,
    response: ticketResponse,
    errors: [403, 404],
    async handle({ principal, params, body }) {
      return changed(deps, await deps.service.changeDepartment(principal.actor, params.ref, body));
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/tickets/{ref}/assignee",
    operationId: "setTicketAssignee",
    summary: "Assign the ticket, or unassign it with null (agent keys)",
    params: ticketRefParams,
    body: assigneeBody,
    response: ticketResponse,
    errors: [403, 404],
    async handle({ principal, params, body }) {
      return changed(deps, await deps.service.assign(principal.actor, params.ref, body));
    },
  }),
];
