import { z } from "zod";
import { PRIORITIES } from "../../core/ticket/priority.js";
import { PUBLIC_STATUSES, TICKET_STATUSES } from "../../core/ticket/status.js";
import { EVENT_KINDS } from "../../core/ticket/ticket.js";
import { storable } from "../../core/ticket/validation.js";

/**
 * The REST API's wire shapes. They check form (types, sizes, formats); the ticket core then
 * applies its own rules (subject length, departments, attachments) and answers in the caller's
 * language. These schemas are also the source of the OpenAPI document.
 */

/** A string under the core's text rule: NUL, other controls and broken characters answer 400 per field. */
const plain = (max: number) => z.string().max(max).superRefine(storable);

const split = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const csvOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform(split)
    .pipe(z.array(z.enum(values)).min(1));
const csvText = z
  .string()
  .superRefine(storable)
  .transform(split)
  .pipe(z.array(z.string().max(40)).min(1));

export const ticketRefParams = z.object({
  ref: z.string().min(1).max(20).meta({ description: "TKT-000123, 000123 or 123" }),
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

export const createTicketBody = z.object({
  subject: z.string().max(500),
  department: z.string().max(100),
  priority: z.enum(PRIORITIES),
  type: z.string().max(100),
  message: z.string().max(5000),
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

export const replyBody = z.object({
  message: z.string().max(5000).default(""),
  internal: z
    .boolean()
    .default(false)
    .meta({ description: "An internal note, seen by agents only (agent keys)" }),
  attachments: z.array(file).max(10).default([]),
});

export const statusBody = z.object({ status: z.enum(TICKET_STATUSES) });
export const priorityBody = z.object({ priority: z.enum(PRIORITIES) });
export const assigneeBody = z.object({
  assignee: z.object({ id: plain(200).min(1), name: plain(200).min(1) }).nullable(),
});
export const statsQuery = z.object({ organizationId: z.uuid().optional() });

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
});
export const createdTicket = z.object({ ticket: ticketJson, created: z.boolean() });
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
