import { z } from "zod";
import { PRIORITIES } from "./priority.js";
import { TICKET_STATUSES } from "./status.js";
import type { Taxonomy } from "./taxonomy.js";
import { cleanText, normalizeText } from "./text-rule.js";
import { oneOf, plainString, storable, text } from "./validation.js";

export const LIMITS = {
  subject: { min: 3, max: 120 },
  message: { min: 1, max: 1000 },
  /**
   * An agent's reply (or note): up to what the suppliers' platforms take in one message less room
   * for the notice's header (Slack's 4,000; Telegram and WhatsApp split past 4,096).
   */
  agentMessage: { min: 1, max: 4000 },
  ratingComment: { max: 500 },
} as const;

/** A file as it arrives from a channel: bytes plus what the sender claims about them (not trusted). */
export const fileInput = z.object({
  // A name the platform or the sender's device chose: cleaned rather than refused, it only labels the bytes.
  fileName: z.string().trim().min(1).max(255).transform(cleanText),
  // Any Uint8Array, Node Buffers included (z.instanceof would narrow to Uint8Array<ArrayBuffer>).
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: "expected file bytes" }),
  declaredType: z.string().max(255).optional(),
});
export type FileInput = z.infer<typeof fileInput>;

const files = z.array(fileInput).default([]);
const sourceKey = z.string().min(1).max(200).optional();

export const createTicketCommand = (taxonomy: Taxonomy) =>
  z.object({
    subject: text(LIMITS.subject.min, LIMITS.subject.max),
    department: oneOf(taxonomy.departments.map((d) => d.code)),
    priority: z.enum(PRIORITIES),
    type: oneOf(taxonomy.types.map((t) => t.code)),
    message: text(LIMITS.message.min, LIMITS.message.max),
    attachments: files,
    sourceKey,
  });
export type CreateTicketCommand = z.output<ReturnType<typeof createTicketCommand>>;

/** A reply may be files alone; then its text may be empty. Requesters write up to 1,000 characters, agents more. */
const replyCommandUpTo = (max: number) =>
  z
    .object({
      message: z.string().default(""),
      attachments: files,
      internal: z.boolean().default(false),
      /** Where an agent's public reply leaves the ticket (a saved reply's status); waiting on the requester by default. */
      status: z.enum(TICKET_STATUSES).optional(),
      sourceKey,
    })
    .superRefine((reply, ctx) => {
      const body = text(reply.attachments.length > 0 ? 0 : LIMITS.message.min, max);
      const checked = body.safeParse(reply.message);
      if (!checked.success)
        for (const issue of checked.error.issues) ctx.addIssue({ ...issue, path: ["message"] });
    })
    .transform((reply) => ({ ...reply, message: normalizeText(reply.message).trim() }));
export const replyCommand = replyCommandUpTo(LIMITS.message.max);
export const agentReplyCommand = replyCommandUpTo(LIMITS.agentMessage.max);
export type ReplyCommand = z.output<typeof replyCommand>;

/** An agents' channel withdrawing its reply (known by the reply's platform message) before it went out. */
export const withdrawReplyCommand = z.object({
  replyKey: plainString(1, 200),
  note: text(0, LIMITS.message.max).optional(),
  sourceKey,
});

/** An agents' channel's reply edited before it went out: `message` is what the requester receives. */
export const reviseReplyCommand = z.object({
  replyKey: plainString(1, 200),
  message: text(0, LIMITS.message.max),
  note: text(1, LIMITS.message.max),
  sourceKey,
});

export const changeStatusCommand = z.object({ status: z.enum(TICKET_STATUSES), sourceKey });
export const changePriorityCommand = z.object({ priority: z.enum(PRIORITIES), sourceKey });
export const changeDepartmentCommand = (taxonomy: Taxonomy) =>
  z.object({ department: oneOf(taxonomy.departments.map((d) => d.code)), sourceKey });
export const assignCommand = z.object({
  assignee: z.object({ id: plainString(1, 200), name: text(1, 200) }).nullable(),
  sourceKey,
});
export const rateCommand = z.object({
  score: z.number().int().min(1).max(5),
  comment: text(0, LIMITS.ratingComment.max).optional(),
});

/** A tag: a short word of letters, digits, "-" or "_", compared in lowercase. */
export const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,29}$/u;
export const MAX_TAGS = 10;
const tag = z
  .string()
  .superRefine(storable)
  .transform((v) => normalizeText(v).trim().toLowerCase())
  .pipe(z.string().regex(TAG));
/** Replace the tags with `tags`, or add and remove some. */
export const tagsCommand = z.object({
  tags: z.array(tag).max(MAX_TAGS).optional(),
  add: z.array(tag).max(MAX_TAGS).default([]),
  remove: z.array(tag).max(MAX_TAGS).default([]),
  sourceKey,
});

/** Merge into `into` (a ticket reference). */
export const mergeCommand = z.object({ into: z.string().min(1).max(20) });
