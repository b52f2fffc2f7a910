import { z } from "zod";
import { FILE_COPY_KIND } from "../conversation/file-copy.js";
import { EXPIRED_NOTICE_KIND } from "../conversation/sweeper.js";
import { LANGS } from "../i18n/lang.js";
import { err, ok, type Result } from "../shared/result.js";
import { CHANNELS, type Channel } from "../ticket/channel.js";
import { PRIORITIES } from "../ticket/priority.js";
import { TICKET_STATUSES } from "../ticket/status.js";
import type { OutboxDraft } from "./outbox-draft.js";

/**
 * Channel-neutral outbox payloads. The policy writes plain data (no text in any language);
 * each channel's sender parses it here and renders it with the catalogues in the recipient's
 * language. Dates travel as ISO strings because payloads are stored as JSON.
 */
export const REQUESTER_KINDS = [
  "agent_reply",
  "status_changed",
  "rating_request",
  "auto_close_reminder",
  "ticket_notice",
] as const;
export const AGENT_KINDS = [
  "ticket_created",
  "requester_message",
  "ticket_updated",
  "delivery_failed",
  "sla_alert",
  "sla_escalation",
] as const;
/** Written by the conversation engine, already worded in the contact's language. */
export const CONVERSATION_EXPIRED = EXPIRED_NOTICE_KIND;
/**
 * A dialogue answer the platform could not take at once (5xx, 429, a timeout), queued for retries.
 * Already rendered by its channel (`answer` is that channel's own message format, which only its
 * sender reads), in the contact's chat order with the notifications.
 */
export const DIALOGUE_ANSWER = "dialogue_answer";
/** A ticket's file a requester asked for in chat, sent to them as a document (checked again before). */
export const FILE_COPY = FILE_COPY_KIND;
export const OUTBOX_KINDS = [
  ...REQUESTER_KINDS,
  ...AGENT_KINDS,
  CONVERSATION_EXPIRED,
  DIALOGUE_ANSWER,
  FILE_COPY,
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export type Audience = "requester" | "agents";

const isoDate = z.iso.datetime({ offset: true });

export const attachmentRef = z.object({
  storageKey: z.string().min(1),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

export const ticketSummary = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITIES),
  department: z.string(),
  type: z.string(),
  channel: z.enum(CHANNELS),
  requesterName: z.string(),
  requesterContactId: z.string(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;

const common = { ticket: ticketSummary, actorName: z.string(), at: isoDate };
const toRequester = { ...common, audience: z.literal("requester"), contactId: z.string() };
const toAgents = { ...common, audience: z.literal("agents") };

export const CHANGE_FIELDS = [
  "status",
  "priority",
  "department",
  "assignee",
  "contact_requested",
  "contact_done",
  "rating",
  "tags",
  "merged",
] as const;
/** What a ticket_notice tells the requester. */
export const TICKET_NOTICES = ["department_changed", "contact_done"] as const;
export type TicketNotice = (typeof TICKET_NOTICES)[number];

export const change = z.object({
  field: z.enum(CHANGE_FIELDS),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type TicketFieldChange = z.infer<typeof change>;

export const outboxPayload = z.discriminatedUnion("kind", [
  z.object({
    ...toRequester,
    kind: z.literal("agent_reply"),
    body: z.string().nullable(),
    attachments: z.array(attachmentRef),
  }),
  z.object({
    ...toRequester,
    kind: z.literal("status_changed"),
    from: z.enum(TICKET_STATUSES).nullable(),
    to: z.enum(TICKET_STATUSES),
    /**
     * Why the system changed it, when it did: "auto_close" closes a ticket left waiting on the requester;
     * "triage_abandoned" one whose requester never answered support's first question; "merged" a duplicate.
     */
    reason: z.enum(["auto_close", "triage_abandoned", "merged"]).nullable(),
    /** With reason "merged": the number of the ticket to follow from now on. */
    mergedInto: z.number().int().positive().nullable().optional(),
  }),
  z.object({ ...toRequester, kind: z.literal("rating_request") }),
  /** Something agents did that the requester should know of, worded by each channel in the requester's language. */
  z.object({
    ...toRequester,
    kind: z.literal("ticket_notice"),
    notice: z.enum(TICKET_NOTICES),
    /** The new department's label per language, for "department_changed". */
    labels: z.record(z.string(), z.string()).nullable(),
  }),
  z.object({ ...toRequester, kind: z.literal("auto_close_reminder"), closesAt: isoDate }),
  z.object({
    ...toAgents,
    kind: z.literal("ticket_created"),
    /** The opening message (null only for a ticket opened without text). */
    body: z.string().nullable(),
    attachments: z.array(attachmentRef),
  }),
  z.object({
    ...toAgents,
    kind: z.literal("requester_message"),
    body: z.string().nullable(),
    attachments: z.array(attachmentRef),
  }),
  z.object({ ...toAgents, kind: z.literal("ticket_updated"), changes: z.array(change).min(1) }),
  z.object({
    ...toAgents,
    kind: z.literal("delivery_failed"),
    failedChannel: z.enum(CHANNELS),
    failedKind: z.string(),
    reason: z.string(),
  }),
  z.object({
    ...toAgents,
    kind: z.literal("sla_alert"),
    clock: z.enum(["first_response", "resolution"]),
    level: z.enum(["warning", "breach"]),
    targetMinutes: z.number().int().positive(),
    dueAt: isoDate,
    /** The alert escalates: the thread line mentions whoever escalations go to. */
    escalate: z.boolean().default(false),
  }),
  /** The rest of an escalation, once per alert: reassign, and tell the managers. */
  z.object({
    ...toAgents,
    kind: z.literal("sla_escalation"),
    clock: z.enum(["first_response", "resolution"]),
    level: z.enum(["warning", "breach"]),
    targetMinutes: z.number().int().positive(),
    dueAt: isoDate,
  }),
  z.object({
    kind: z.literal(CONVERSATION_EXPIRED),
    contactId: z.string(),
    lang: z.enum(LANGS),
    text: z.string(),
  }),
  z.object({
    kind: z.literal(DIALOGUE_ANSWER),
    contactId: z.string(),
    answer: z.record(z.string(), z.unknown()),
  }),
  z.object({
    kind: z.literal(FILE_COPY),
    contactId: z.string(),
    lang: z.enum(LANGS),
    ticketNumber: z.number().int().positive(),
    attachment: attachmentRef,
  }),
]);
export type OutboxPayload = z.infer<typeof outboxPayload>;
/** Payloads about a ticket, written by the policy and the timers. */
export type TicketPayload = Exclude<
  OutboxPayload,
  { kind: typeof CONVERSATION_EXPIRED | typeof DIALOGUE_ANSWER | typeof FILE_COPY }
>;

/**
 * The outbox item of a dialogue answer that has to wait: keyed by the message it answers, so a
 * redelivery that queues it again writes nothing twice, and scoped to the contact's chat.
 */
export const dialogueAnswerDraft = (
  answer: {
    readonly channel: Channel;
    readonly messageId: string;
    readonly contactId: string;
    /** The channel's own rendering of what is left to send. */
    readonly body: Readonly<Record<string, unknown>>;
  },
  availableAt: Date,
): OutboxDraft => ({
  key: `${DIALOGUE_ANSWER}:${answer.channel}:${answer.messageId}`,
  channel: answer.channel,
  kind: DIALOGUE_ANSWER,
  ticketId: null,
  scope: `contact:${answer.contactId}`,
  payload: { kind: DIALOGUE_ANSWER, contactId: answer.contactId, answer: answer.body },
  availableAt,
});
export type PayloadOf<K extends OutboxKind> = Extract<OutboxPayload, { kind: K }>;
/** What a requester is told in their chat: every payload but agents' and queued dialogue answers. */
export type RequesterNotice = Exclude<
  OutboxPayload,
  { audience: "agents" } | { kind: typeof DIALOGUE_ANSWER }
>;

export interface PayloadProblem {
  readonly code: "INVALID_PAYLOAD";
  readonly issues: readonly string[];
}

/**
 * For senders: an item's payload, typed by its kind. One that does not parse is a permanent
 * failure of that item, never a crash.
 */
export const parseOutboxPayload = (item: {
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
}): Result<OutboxPayload, PayloadProblem> => {
  const parsed = outboxPayload.safeParse({ ...item.payload, kind: item.kind });
  if (parsed.success) return ok(parsed.data);
  return err({
    code: "INVALID_PAYLOAD",
    issues: parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`),
  });
};
