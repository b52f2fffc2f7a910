import { z } from "zod";
import { describeHours } from "../../../core/hours/describe.js";
import { storable } from "../../../core/ticket/validation.js";
import type { ApiDeps } from "../deps.js";
import { defineRoute } from "../route.js";
import { statsQuery, ticketJson, ticketRefParams } from "../schemas.js";
import { toTicketJson } from "../ticket-json.js";

const tag = z.string().max(30).superRefine(storable);
const tagsBody = z.object({
  tags: z.array(tag).max(10).optional().meta({ description: "The ticket's tags from now on" }),
  add: z.array(tag).max(10).default([]),
  remove: z.array(tag).max(10).default([]),
});

/** Tags: set on a ticket and counted by agent keys; lists filter by them with ?tag=. */
export const tagRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "PUT",
    path: "/tickets/{ref}/tags",
    operationId: "setTicketTags",
    summary: "Replace the ticket's tags, or add and remove some (agent keys)",
    params: ticketRefParams,
    body: tagsBody,
    response: { status: 200, schema: ticketJson, description: "The ticket after the change" },
    errors: [403, 404],
    async handle({ principal, params, body }) {
      const done = await deps.service.setTags(principal.actor, params.ref, body);
      return done.ok
        ? { kind: "ok", body: toTicketJson(done.value, deps.clock.now(), deps.sla) }
        : { kind: "core", error: done.error };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tickets/{ref}/merge",
    operationId: "mergeTicket",
    summary:
      "Merge this duplicate into another ticket: it is closed, its requester told to follow the other, their later replies go there (agent keys)",
    params: ticketRefParams,
    body: z.object({ into: z.string().min(1).max(20).meta({ description: "The ticket to merge into" }) }),
    response: { status: 200, schema: ticketJson, description: "The ticket merged into" },
    errors: [403, 404, 409],
    async handle({ principal, params, body }) {
      const done = await deps.service.merge(principal.actor, params.ref, body);
      return done.ok
        ? { kind: "ok", body: toTicketJson(done.value, deps.clock.now(), deps.sla) }
        : { kind: "core", error: done.error };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/business-hours",
    operationId: "getBusinessHours",
    summary:
      "A department's business hours (BUSINESS_HOURS_FILE): the week, next holidays, open now, next opening",
    query: z.object({ department: z.string().max(40).superRefine(storable).optional() }),
    response: {
      status: 200,
      schema: z.object({ configured: z.boolean(), hours: z.unknown().nullable() }),
      description: "The schedule, or configured=false when clocks run around the clock",
    },
    errors: [],
    async handle({ query }) {
      const calendars = deps.sla.calendars;
      if (!calendars) return { kind: "ok", body: { configured: false, hours: null } };
      const hours = describeHours(calendars.of(query.department ?? null), deps.clock.now());
      return { kind: "ok", body: { configured: true, hours } };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/tags",
    operationId: "getTagReport",
    summary:
      "Tickets per tag, most used first, and how many are not closed (agent keys; empty for organization keys)",
    query: statsQuery,
    response: {
      status: 200,
      schema: z.object({
        items: z.array(z.object({ tag: z.string(), total: z.number(), notClosed: z.number() })),
      }),
      description: "The tags in use",
    },
    errors: [],
    async handle({ principal, query }) {
      const items = await deps.service.tagStats(
        principal.actor,
        query.organizationId ? { organizationId: query.organizationId } : {},
      );
      return { kind: "ok", body: { items } };
    },
  }),
];
