import type { NotificationPolicy } from "../ticket/decisions.js";
import { actorRef, MERGED_REASON } from "../ticket/decisions.js";
import type { TicketStatus } from "../ticket/status.js";
import type { Taxonomy } from "../ticket/taxonomy.js";
import type { NewTicketEvent, Ticket } from "../ticket/ticket.js";
import {
  agentsChannel,
  attachmentRefs,
  type DeliveryTargets,
  draft,
  requesterChannel,
  summarize,
} from "./drafts.js";
import type { OutboxDraft } from "./outbox-draft.js";
import type { Audience, OutboxKind, TicketFieldChange } from "./payloads.js";

export interface NotificationPolicyOptions extends DeliveryTargets {
  /**
   * How long an agent's reply waits before it goes out, so the agents' channel can withdraw or
   * edit it (OutboxQueue.cancel / reviseReply, found by its cause) while it is still pending.
   */
  readonly replyGraceMs?: number;
  /** Department labels for the requester's notice of a move (codes are shown without it). */
  readonly taxonomy?: Taxonomy;
}

/** Event kinds that change what the agents' root message of a ticket shows. */
const REFRESHING: Partial<Record<NewTicketEvent["kind"], TicketFieldChange["field"]>> = {
  STATUS_CHANGED: "status",
  PRIORITY_CHANGED: "priority",
  DEPARTMENT_CHANGED: "department",
  ASSIGNEE_CHANGED: "assignee",
  CONTACT_REQUESTED: "contact_requested",
  CONTACT_DONE: "contact_done",
  RATED: "rating",
  // A withdrawn reply's status move undone; `to` is null when the status stayed.
  REPLY_WITHDRAWN: "status",
  TAGS_CHANGED: "tags",
  MERGED_INTO: "merged",
  MERGED_FROM: "merged",
};

const keyOf = (ticket: Ticket, kind: OutboxKind, audience: Audience) =>
  `${ticket.id}:v${ticket.version}:${kind}:${audience}`;

const requesterDrafts = (
  after: Ticket,
  events: readonly NewTicketEvent[],
  channel: NonNullable<ReturnType<typeof requesterChannel>>,
  base: { ticket: ReturnType<typeof summarize>; actorName: string; at: string; contactId: string },
  now: Date,
  graceMs: number,
  taxonomy: Taxonomy | undefined,
): OutboxDraft[] => {
  const drafts: OutboxDraft[] = [];
  const moved = events.find((e) => e.kind === "DEPARTMENT_CHANGED" && e.actor.kind !== "REQUESTER");
  if (moved?.to) {
    const labels = taxonomy?.departments.find((d) => d.code === moved.to)?.labels ?? null;
    const payload = {
      ...base,
      audience: "requester" as const,
      kind: "ticket_notice" as const,
      notice: "department_changed" as const,
      labels: labels ? { ...labels } : null,
    };
    drafts.push(
      draft(after, channel, keyOf(after, "ticket_notice", "requester"), payload, now, moved.sourceKey),
    );
  }
  const contacted = events.find((e) => e.kind === "CONTACT_DONE");
  if (contacted) {
    const payload = {
      ...base,
      audience: "requester" as const,
      kind: "ticket_notice" as const,
      notice: "contact_done" as const,
      labels: null,
    };
    drafts.push(draft(after, channel, keyOf(after, "ticket_notice", "requester"), payload, now));
  }
  const reply = events.find((e) => e.kind === "MESSAGE" && e.actor.kind !== "REQUESTER");
  const status = events.find((e) => e.kind === "STATUS_CHANGED" && e.actor.kind !== "REQUESTER");
  if (reply) {
    // The reply carries the new status with it: one message, not a reply plus a status notice.
    const payload = {
      ...base,
      audience: "requester" as const,
      kind: "agent_reply" as const,
      body: reply.body,
      attachments: attachmentRefs(reply.attachments),
    };
    drafts.push(
      draft(
        after,
        channel,
        keyOf(after, "agent_reply", "requester"),
        payload,
        new Date(now.getTime() + graceMs),
        reply.sourceKey,
      ),
    );
  } else if (status) {
    const payload = {
      ...base,
      audience: "requester" as const,
      kind: "status_changed" as const,
      from: (status.from as TicketStatus | null) ?? null,
      to: status.to as TicketStatus,
      reason:
        status.body === "auto_close" || status.body === "triage_abandoned"
          ? (status.body as "auto_close" | "triage_abandoned")
          : status.body === MERGED_REASON
            ? ("merged" as const)
            : null,
      ...(status.body === MERGED_REASON ? { mergedInto: after.mergedInto?.number ?? null } : {}),
    };
    drafts.push(
      draft(after, channel, keyOf(after, "status_changed", "requester"), payload, now, status.sourceKey),
    );
  }
  // A duplicate closed by a merge is rated, if ever, on the ticket it went into.
  if (status?.to === "SOLVED" && after.rating === null && status.body !== MERGED_REASON) {
    const payload = { ...base, audience: "requester" as const, kind: "rating_request" as const };
    drafts.push(draft(after, channel, keyOf(after, "rating_request", "requester"), payload, now));
  }
  return drafts;
};

const agentDrafts = (
  before: Ticket | null,
  after: Ticket,
  events: readonly NewTicketEvent[],
  channel: NonNullable<ReturnType<typeof agentsChannel>>,
  base: { ticket: ReturnType<typeof summarize>; actorName: string; at: string },
  now: Date,
): OutboxDraft[] => {
  const key = (kind: OutboxKind) => keyOf(after, kind, "agents");
  const common = { ...base, audience: "agents" as const };
  if (before === null) {
    const opening = events.find((e) => e.kind === "MESSAGE");
    const payload = {
      ...common,
      kind: "ticket_created" as const,
      body: opening?.body ?? null,
      attachments: attachmentRefs(opening?.attachments ?? []),
    };
    return [draft(after, channel, key("ticket_created"), payload, now)];
  }
  const drafts: OutboxDraft[] = [];
  const message = events.find((e) => e.kind === "MESSAGE" && e.actor.kind === "REQUESTER");
  if (message) {
    const payload = {
      ...common,
      kind: "requester_message" as const,
      body: message.body,
      attachments: attachmentRefs(message.attachments),
    };
    drafts.push(draft(after, channel, key("requester_message"), payload, now, message.sourceKey));
  }
  const changes = events.flatMap((e): TicketFieldChange[] => {
    const field = REFRESHING[e.kind];
    return field && !(e.kind === "REPLY_WITHDRAWN" && e.to === null)
      ? [{ field, from: e.from, to: e.to }]
      : [];
  });
  if (changes.length > 0)
    drafts.push(
      draft(after, channel, key("ticket_updated"), { ...common, kind: "ticket_updated", changes }, now),
    );
  // A failure of the agents' own channel is not reported there again: it would fail the same way, forever.
  const failure = events.find((e) => e.kind === "DELIVERY_FAILED" && e.from !== channel);
  if (failure) {
    const payload = {
      ...common,
      kind: "delivery_failed" as const,
      failedChannel: failure.from as typeof channel,
      failedKind: failure.to ?? "",
      reason: failure.body ?? "",
    };
    drafts.push(draft(after, channel, key("delivery_failed"), payload, now));
  }
  return drafts;
};

/**
 * Which notifications a ticket change causes. Requesters hear of agents' public replies, status
 * changes they did not make and, once solved, a rating request; agents hear of new tickets,
 * requesters' messages, anything their root message shows, and failed deliveries. Keys are
 * stable per change (`<ticket>:v<version>:<kind>:<audience>`), so a retried transaction writes
 * nothing twice.
 */
export const createNotificationPolicy = (options: NotificationPolicyOptions): NotificationPolicy => {
  const graceMs = options.replyGraceMs ?? 0;
  return ({ before, after, events, actor }) => {
    const now = before === null ? after.createdAt : after.updatedAt;
    const base = { ticket: summarize(after), actorName: actorRef(actor).name, at: now.toISOString() };
    const toRequester = requesterChannel(options, after);
    const toAgents = agentsChannel(options);
    return [
      ...(toRequester && before !== null
        ? requesterDrafts(
            after,
            events,
            toRequester,
            { ...base, contactId: after.requester.contactId },
            now,
            graceMs,
            options.taxonomy,
          )
        : []),
      ...(toAgents ? agentDrafts(before, after, events, toAgents, base, now) : []),
    ];
  };
};
