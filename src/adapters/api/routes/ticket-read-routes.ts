import { z } from "zod";
import type { TicketQuery } from "../../../core/ports/ticket-repository.js";
import {
  type PublicStatus,
  statusesOfPublic,
  TICKET_STATUSES,
  type TicketStatus,
} from "../../../core/ticket/status.js";
import type { ApiDeps } from "../deps.js";
import { kbFiguresJson } from "../kb-schemas.js";
import { toReportJson } from "../report-json.js";
import { defineRoute } from "../route.js";
import {
  attachmentParams,
  type ListQuery,
  listQuery,
  statsJson,
  statsQuery,
  ticketDetail,
  ticketPage,
  ticketRefParams,
} from "../schemas.js";
import { toDetailJson, toTicketJson } from "../ticket-json.js";

const SORT_FIELDS = {
  created: "createdAt",
  updated: "updatedAt",
  number: "number",
  priority: "priority",
} as const;

const toQuery = (q: ListQuery): TicketQuery => {
  const statuses = q.status?.flatMap((s): TicketStatus[] =>
    (TICKET_STATUSES as readonly string[]).includes(s)
      ? [s as TicketStatus]
      : statusesOfPublic(s as PublicStatus),
  );
  return {
    limit: q.limit,
    sort: { field: SORT_FIELDS[q.sort], direction: q.order },
    ...(statuses ? { statuses: [...new Set(statuses)] } : {}),
    ...(q.priority ? { priorities: q.priority } : {}),
    ...(q.department ? { departments: q.department } : {}),
    ...(q.type ? { types: q.type } : {}),
    ...(q.organizationId ? { organizationId: q.organizationId } : {}),
    ...(q.requesterId ? { requesterPersonId: q.requesterId } : {}),
    ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}),
    ...(q.tag ? { tags: q.tag } : {}),
    ...(q.createdFrom ? { createdFrom: new Date(q.createdFrom) } : {}),
    ...(q.createdTo ? { createdTo: new Date(q.createdTo) } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  };
};

export const ticketReadRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "GET",
    path: "/tickets",
    operationId: "listTickets",
    summary: "List tickets with filters, search and cursor pagination (newest first by default)",
    query: listQuery,
    response: {
      status: 200,
      schema: ticketPage,
      description: "A page of tickets; pass nextCursor as cursor for the next",
    },
    errors: [],
    async handle({ principal, query }) {
      const ticketQuery = toQuery(query);
      const page = query.q
        ? await deps.service.search(principal.actor, query.q, ticketQuery)
        : await deps.service.list(principal.actor, ticketQuery);
      const now = deps.clock.now();
      return {
        kind: "ok",
        body: { items: page.items.map((t) => toTicketJson(t, now, deps.sla)), nextCursor: page.nextCursor },
      };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/tickets/{ref}",
    operationId: "getTicket",
    summary:
      "One ticket with its history (internal notes only for agent keys); an agent key marks the requester's latest message read",
    params: ticketRefParams,
    response: { status: 200, schema: ticketDetail, description: "The ticket and its history" },
    errors: [404],
    async handle({ principal, params }) {
      // An agent key opening a ticket has read what the requester wrote; not found is told by detail.
      if (principal.actor.kind === "agent") await deps.service.markRead(principal.actor, params.ref);
      const detail = await deps.service.detail(principal.actor, params.ref);
      if (!detail.ok) return { kind: "core", error: detail.error };
      return { kind: "ok", body: toDetailJson(detail.value, deps.clock.now(), deps.sla) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/tickets/{ref}/attachments/{file}",
    operationId: "getAttachment",
    summary:
      "Download a file of the ticket's history (same access as the ticket; internal notes' files only for agent keys)",
    params: attachmentParams,
    response: {
      status: 200,
      schema: z.string().meta({ format: "binary" }),
      contentType: "application/octet-stream",
      description: "The file's bytes, with its stored content type and a download name",
    },
    errors: [404],
    async handle({ principal, params }) {
      const found = await deps.service.attachment(principal.actor, params.ref, params.file);
      if (!found.ok) return { kind: "core", error: found.error };
      const { meta, bytes } = found.value;
      return { kind: "file", bytes, contentType: meta.contentType, fileName: meta.fileName };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/stats",
    operationId: "getStats",
    summary:
      "Ticket counts by status and department, SLA breaches, and a report: time in status, ratings, SLA outcomes, intake funnel",
    query: statsQuery,
    response: {
      status: 200,
      schema: statsJson.extend({ knowledgeBase: kbFiguresJson.optional() }),
      description:
        "Counts over the key's organizations and a report over the period; knowledge-base figures for keys of all organizations",
    },
    errors: [400],
    async handle({ principal, query }) {
      const { actor } = principal;
      const scope =
        actor.kind === "requester"
          ? { organizationId: actor.organizationId }
          : query.organizationId
            ? { organizationId: query.organizationId }
            : {};
      const period = {
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
      };
      // Suggestion figures are over every organization: keys of all organizations only.
      const [counts, sla, report, knowledgeBase] = await Promise.all([
        deps.service.stats(actor, scope),
        deps.slaCounts(scope),
        deps.reports.report(actor, { ...scope, ...period }),
        actor.kind === "agent" ? deps.knowledge.figures() : undefined,
      ]);
      if (!report.ok) return { kind: "core", error: report.error };
      return {
        kind: "ok",
        body: {
          ...counts,
          sla,
          report: toReportJson(report.value),
          ...(knowledgeBase ? { knowledgeBase } : {}),
        },
      };
    },
  }),
];
