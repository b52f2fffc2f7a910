import { z } from "zod";
import { LIMITS } from "../../core/ticket/commands.js";
import { PRIORITIES } from "../../core/ticket/priority.js";
import { PUBLIC_STATUSES, TICKET_STATUSES } from "../../core/ticket/status.js";
import type { Taxonomy } from "../../core/ticket/taxonomy.js";
import { EVENT_KINDS } from "../../core/ticket/ticket.js";
import { storable } from "../../core/ticket/validation.js";

/**
 * The REST API's wire shapes. They check form (types, sizes, formats); the ticket core then
 * applies its own rules (subject length, departments, attachments) and answers in the caller's
 * language. These schemas are also the source of the OpenAPI document.
 */

/** A string under the core's text rule: NUL, other controls and broken characters answer 400 per field. */
export const plain = (max: number) => z.string().max(max).superRefine(storable);

const split = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
/** Comma-separated values of a closed list, in any case (`?status=closed` as the CLI takes it). */
export const csvOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => split(v).map((s) => s.toUpperCase()))
    .pipe(z.array(z.enum(values)).min(1))
    .meta({ description: `Comma-separated, any case, of: ${values.join(", ")}` });
export const csvText = z
  .string()
  .superRefine(storable)
  .transform(split)
  .pipe(z.array(z.string().max(40)).min(1));

export const ticketRefParams = z.object({
  ref: z.string().min(1).max(20).meta({ description: "TKT-000123, 000123 or 123" }),
});

export const attachmentParams = ticketRefParams.extend({
  file: z
    .string()
    .min(1)
    .max(255)
    .meta({ description: "The attachment's id, or its file name (the latest of that name)" }),
});

export const listQuery = z.object({
  status: csvOf([...TICKET_STATUSES, ...PUBLIC_STATUSES])
    .optional()
    .meta({ description: "Comma-separated statuses, detailed (NEW, …) or public (OPEN, ANSWERED, CLOSED)" }),
  priority: csvOf(PRIORITIES).optional(),
  department: csvText.optional(),
  type: csvText.optional(),
  organizationId: z
    .uuid()
    .optional()
    .meta({ description: "Only for keys of all organizations; an organization key always sees its own" }),
  requesterId: z.uuid().optional().meta({ description: "Requester person id" }),
  assigneeId: plain(200).optional(),
  tag: csvText
    .optional()
    .meta({ description: "Comma-separated tags; tickets carrying all of them (agent keys)" }),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  q: plain(200)
    .trim()
    .min(1)
    .optional()
    .meta({ description: "Ticket id, or words in the subject and messages" }),
  sort: z.enum(["created", "updated", "number", "priority"]).default("created"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type ListQuery = z.output<typeof listQuery>;

const file = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z
    .base64()
    .meta({ description: "File bytes, base64; the request body limit bounds the size" }),
  contentType: z
    .string()
    .max(255)
    .optional()
    .meta({ description: "Informative only: the content decides the type" }),
});

/**
 * Text the core measures in characters (an emoji is one), so the wire only states its limits, from the
 * core's own LIMITS, for the document; the core enforces them and answers TOO_SHORT / TOO_LONG.
 */
const coreText = (limits: { readonly min: number; readonly max: number }) =>
  z.string().meta({ minLength: limits.min, maxLength: limits.max });

export const createTicketBody = z.object({
  subject: coreText(LIMITS.subject),
  department: z.string().max(100),
  priority: z.enum(PRIORITIES),
  type: z.string().max(100),
  message: coreText(LIMITS.message),
  attachments: z.array(file).max(10).default([]),
  requester: z
    .union([
      z.object({ contactId: z.uuid() }),
      z.object({
        externalId: plain(200).min(1),
        name: plain(200).min(1),
        organizationKey: plain(200).min(1),
      }),
    ])
    .optional()
    .meta({
      description:
        "Keys of all organizations must name the requester; an organization key opens tickets as itself",
    }),
});
export type CreateTicketBody = z.output<typeof createTicketBody>;

/** The configured departments and types (DEPARTMENTS, TICKET_TYPES) as the document's enums. */
export const createTicketBodyFor = (taxonomy: Taxonomy) =>
  createTicketBody.extend({
    department: z
      .string()
      .max(100)
      .meta({ enum: taxonomy.departments.map((d) => d.code) }),
    type: z
      .string()
      .max(100)
      .meta({ enum: taxonomy.types.map((t) => t.code) }),
  });

export const replyBody = z.object({
  message: z
    .string()
    .default("")
    .meta({ maxLength: LIMITS.message.max, description: "May be empty when attachments are sent" }),
  internal: z
    .boolean()
    .default(false)
    .meta({ description: "An internal note, seen by agents only (agent keys)" }),
  attachments: z.array(file).max(10).default([]),
});

export const statusBody = z.object({ status: z.enum(TICKET_STATUSES) });
export const priorityBody = z.object({ priority: z.enum(PRIORITIES) });
export const departmentBody = z.object({
  department: z.string().min(1).max(100).meta({ description: "A department code of the taxonomy" }),
});
export const assigneeBody = z.object({
  assignee: z.object({ id: plain(200).min(1), name: plain(200).min(1) }).nullable(),
});
export const statsQuery = z.object({
  organizationId: z.uuid().optional(),
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Reports cover tickets created at or after this instant" }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: "…and before this instant" }),
});

const isoDate = z.iso.datetime({ offset: true });
const slaClock = z.object({
  clock: z.enum(["first_response", "resolution"]),
  targetMs: z.number(),
  elapsedMs: z.number(),
  state: z.enum(["running", "paused", "stopped"]),
  breached: z.boolean(),
  dueAt: isoDate.nullable(),
});

export const ticketJson = z.object({
  id: z.uuid(),
  publicId: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  publicStatus: z.enum(PUBLIC_STATUSES),
  priority: z.enum(PRIORITIES),
  department: z.string(),
  type: z.string(),
  channel: z.string(),
  organizationId: z.uuid(),
  requester: z.object({
    contactId: z.string(),
    personId: z.string(),
    channel: z.string(),
    displayName: z.string(),
  }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  closedAt: isoDate.nullable(),
  firstResponseAt: isoDate.nullable(),
  lastReply: z
    .object({ at: isoDate, by: z.enum(["REQUESTER", "AGENT", "SYSTEM"]), name: z.string() })
    .nullable()
    .meta({ description: "The latest public message: when, and from which side (null before any reply)" }),
  rating: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
  tags: z.array(z.string()).meta({ description: "Agents' labels; always empty for organization keys" }),
  sla: z.object({ firstResponse: slaClock, resolution: slaClock }),
  version: z.number().int(),
});

export const eventJson = z.object({
  id: z.string(),
  kind: z.enum(EVENT_KINDS),
  actor: z.object({ kind: z.enum(["REQUESTER", "AGENT", "SYSTEM"]), id: z.string(), name: z.string() }),
  body: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  createdAt: isoDate,
  withdrawnAt: isoDate
    .nullable()
    .meta({ description: "An agent's reply withdrawn before it went out (agent keys only see these)" }),
  attachments: z.array(
    z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number() }),
  ),
});

export const ticketPage = z.object({ items: z.array(ticketJson), nextCursor: z.string().nullable() });
export const ticketDetail = z.object({
  ticket: ticketJson,
  events: z.array(eventJson),
  timeInStatus: z.record(z.string(), z.number()),
  readBySupport: z.boolean(),
  readAt: isoDate.nullable().meta({ description: "When support read the requester's latest message" }),
  readBy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .meta({ description: "The agent who read it (an agent's reply, button or opening of the ticket)" }),
});
export const createdTicket = z.object({ ticket: ticketJson, created: z.boolean() });
const durations = { count: z.number(), averageMs: z.number(), p90Ms: z.number() };
const ratingGroup = { count: z.number(), average: z.number() };
const slaOutcome = z.object({
  met: z.number(),
  breached: z.number(),
  running: z.number(),
  averageMs: z.number().nullable(),
});
/** Time in status, ratings, SLA outcomes and intake funnel over the tickets created in the period. */
export const reportJson = z.object({
  period: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }),
  timeInStatus: z.array(
    z.object({
      department: z.string().nullable().meta({ description: "One department's tickets (else null)" }),
      period: z
        .string()
        .nullable()
        .meta({ description: "Tickets created in this month, 2026-03 (UTC; else null)" }),
      status: z.enum(TICKET_STATUSES),
      ...durations,
    }),
  ),
  ratings: z.object({
    count: z.number(),
    average: z.number().nullable(),
    distribution: z.record(z.enum(["1", "2", "3", "4", "5"]), z.number()),
    byAgent: z.array(
      z.object({ agentId: z.string().nullable(), agentName: z.string().nullable(), ...ratingGroup }),
    ),
    byDepartment: z.array(z.object({ department: z.string(), ...ratingGroup })),
  }),
  sla: z.object({ firstResponse: slaOutcome, resolution: slaOutcome }),
  intake: z.object({
    opened: z.number(),
    steps: z.array(z.object({ step: z.string(), reached: z.number(), stopped: z.number() })),
  }),
});
export const statsJson = z.object({
  total: z.number(),
  open: z.number(),
  answered: z.number(),
  closed: z.number(),
  highPriority: z.number(),
  byStatus: z.record(z.string(), z.number()),
  byDepartment: z.record(z.string(), z.number()),
  sla: z.object({
    firstResponseBreached: z.number(),
    resolutionBreached: z.number(),
    firstResponseWarned: z.number(),
    resolutionWarned: z.number(),
  }),
  report: reportJson,
});

export const problemJson = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional(),
  reason: z.string().optional().meta({ description: "Why a file was refused (ATTACHMENT_REJECTED)" }),
  fileName: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), detail: z.string() })).optional(),
});
