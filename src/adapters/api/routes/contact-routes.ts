import {
  activeBody,
  contactJson,
  contactParams,
  invitationBody,
  invitationJson,
} from "../contact-schemas.js";
import type { ApiDeps } from "../deps.js";
import { defineRoute } from "../route.js";

/** Invitations and (de)activation of contacts: agent keys only (organization keys get 403). */
export const contactRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "POST",
    path: "/invitations",
    operationId: "inviteContact",
    summary: "Invite a contact: a one-time Telegram link or WhatsApp code that activates them (agent keys)",
    body: invitationBody,
    response: {
      status: 201,
      schema: invitationJson,
      description: "The invitation, with its code shown once",
    },
    errors: [403],
    async handle({ principal, body }) {
      const issued = await deps.contacts.invite(principal.actor, {
        channel: body.channel.toLowerCase(),
        name: body.name,
        organization: {
          key: body.organizationKey,
          ...(body.organizationName ? { name: body.organizationName } : {}),
        },
        admin: body.admin,
        ...(body.ttlHours ? { ttlHours: body.ttlHours } : {}),
      });
      if (!issued.ok) return { kind: "core", error: issued.error };
      return {
        kind: "ok",
        status: 201,
        body: { ...issued.value, expiresAt: issued.value.expiresAt.toISOString() },
      };
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/contacts/{channel}/{platformUserId}/active",
    operationId: "setContactActive",
    summary: "Deactivate a contact (refused in chat from then on) or activate it again (agent keys)",
    params: contactParams,
    body: activeBody,
    response: { status: 200, schema: contactJson, description: "The contact as it is now" },
    errors: [403, 404],
    async handle({ principal, params, body }) {
      if (principal.actor.kind !== "agent")
        return {
          kind: "core",
          error: { code: "FORBIDDEN", action: body.active ? "activate" : "deactivate" },
        };
      const found = await deps.directory.findContact(params.channel, params.platformUserId);
      const changed = found ? await deps.contacts.setActive(principal.actor, found.id, body.active) : null;
      if (changed && !changed.ok) return { kind: "core", error: changed.error };
      const contact = changed?.value;
      if (!contact)
        return {
          kind: "problem",
          problem: { status: 404, code: "CONTACT_NOT_FOUND", detail: "No contact with that channel and id." },
        };
      return {
        kind: "ok",
        body: {
          id: contact.id,
          channel: contact.channel,
          platformUserId: contact.platformUserId,
          displayName: contact.displayName,
          deactivatedAt: contact.deactivatedAt?.toISOString() ?? null,
        },
      };
    },
  }),
];
