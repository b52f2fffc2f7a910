import { z } from "zod";
import type { SavedReply } from "../../../core/replies/saved-reply.js";
import type { Result } from "../../../core/shared/result.js";
import type { CoreError } from "../../../core/ticket/errors.js";
import { TICKET_STATUSES } from "../../../core/ticket/status.js";
import { storable } from "../../../core/ticket/validation.js";
import { type ApiDeps, sourceKeyOf } from "../deps.js";
import { type ApiOutcome, defineRoute } from "../route.js";
import { ticketJson, ticketRefParams } from "../schemas.js";
import { toTicketJson } from "../ticket-json.js";

const nameParams = z.object({
  name: z.string().min(1).max(40).meta({ description: "The saved reply's name" }),
});
const ticketAndName = ticketRefParams.extend(nameParams.shape);
const replyText = z.string().max(5000).superRefine(storable).optional();

const savedReplyBody = z.object({
  department: z.string().max(40).nullable().default(null).meta({ description: "null: every department" }),
  texts: z.object({ "pt-BR": replyText, en: replyText }),
  status: z
    .enum(TICKET_STATUSES)
    .nullable()
    .default(null)
    .meta({ description: "Where sending it leaves the ticket" }),
});

const savedReplyJson = z.object({
  name: z.string(),
  department: z.string().nullable(),
  texts: z.object({ "pt-BR": z.string().optional(), en: z.string().optional() }),
  status: z.enum(TICKET_STATUSES).nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

const toJson = (reply: SavedReply) => ({ ...reply, updatedAt: reply.updatedAt.toISOString() });

const outcome = <T>(result: Result<T, CoreError>, body: (value: T) => unknown): ApiOutcome =>
  result.ok ? { kind: "ok", body: body(result.value) } : { kind: "core", error: result.error };

/** Saved replies: managed and sent by agent keys. */
export const savedReplyRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "GET",
    path: "/saved-replies",
    operationId: "listSavedReplies",
    summary: "Saved replies, or those a department's tickets may use (agent keys)",
    query: z.object({ department: z.string().max(40).superRefine(storable).optional() }),
    response: {
      status: 200,
      schema: z.object({ items: z.array(savedReplyJson) }),
      description: "The saved replies",
    },
    errors: [403],
    async handle({ principal, query }) {
      const listed = await deps.tools.savedReplies.list(
        principal.actor,
        query.department ? { department: query.department } : {},
      );
      return outcome(listed, (items) => ({ items: items.map(toJson) }));
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/saved-replies/{name}",
    operationId: "saveSavedReply",
    summary:
      "Create or change a saved reply; texts may use {{requester_name}}, {{ticket_id}}, {{subject}}, {{agent_name}}, {{department}} (agent keys)",
    params: nameParams,
    body: savedReplyBody,
    response: { status: 200, schema: savedReplyJson, description: "The saved reply" },
    errors: [403],
    async handle({ principal, params, body }) {
      return outcome(
        await deps.tools.savedReplies.save(principal.actor, { ...body, name: params.name }),
        toJson,
      );
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/saved-replies/{name}",
    operationId: "deleteSavedReply",
    summary: "Delete a saved reply (agent keys)",
    params: nameParams,
    response: { status: 200, schema: savedReplyJson, description: "The deleted saved reply" },
    errors: [403, 404],
    async handle({ principal, params }) {
      return outcome(await deps.tools.savedReplies.remove(principal.actor, params.name), toJson);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/tickets/{ref}/saved-replies/{name}",
    operationId: "previewSavedReply",
    summary: "A saved reply filled in for the ticket, in its requester's language, not sent (agent keys)",
    params: ticketAndName,
    response: {
      status: 200,
      schema: z.object({ text: z.string(), lang: z.string(), status: z.enum(TICKET_STATUSES).nullable() }),
      description: "What would be sent",
    },
    errors: [403, 404],
    async handle({ principal, params }) {
      const shown = await deps.tools.savedReplies.preview(principal.actor, params.ref, params.name);
      return outcome(shown, ({ text, lang, status }) => ({ text, lang, status }));
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tickets/{ref}/saved-replies/{name}",
    operationId: "sendSavedReply",
    summary:
      "Send a saved reply as the agent's reply, after the same grace period (agent keys; Idempotency-Key makes retries safe)",
    params: ticketAndName,
    response: { status: 200, schema: ticketJson, description: "The ticket after the reply" },
    errors: [403, 404, 409, 422],
    async handle({ principal, params, request }) {
      const sourceKey = sourceKeyOf(request, principal);
      if (typeof sourceKey === "object") return sourceKey;
      const sent = await deps.tools.savedReplies.send(
        principal.actor,
        params.ref,
        params.name,
        sourceKey ? { sourceKey } : {},
      );
      return outcome(sent, ({ ticket }) => toTicketJson(ticket, deps.clock.now(), deps.sla));
    },
  }),
];
