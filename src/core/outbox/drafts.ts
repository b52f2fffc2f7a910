import type { Channel } from "../ticket/channel.js";
import type { AttachmentMeta, Ticket } from "../ticket/ticket.js";
import type { OutboxDraft } from "./outbox-draft.js";
import type { AttachmentRef, Audience, OutboxKind, TicketPayload, TicketSummary } from "./payloads.js";

/** Which channels can deliver, and where agents work; shared by the policy and the timers. */
export interface DeliveryTargets {
  /** True when a sender for the channel is configured; nothing is written for the others. */
  readonly deliverable: (channel: Channel) => boolean;
  /** The agents' channel (SLACK when configured), or null when agents only use the CLI or the API. */
  readonly agentChannel: () => Channel | null;
}

export const summarize = (t: Ticket): TicketSummary => ({
  id: t.id,
  number: t.number,
  subject: t.subject,
  status: t.status,
  priority: t.priority,
  department: t.department,
  type: t.type,
  channel: t.channel,
  requesterName: t.requester.displayName,
  requesterContactId: t.requester.contactId,
  assignee: t.assignee ? { id: t.assignee.id, name: t.assignee.name } : null,
});

export const attachmentRefs = (attachments: readonly AttachmentMeta[] | undefined): AttachmentRef[] =>
  (attachments ?? []).map((a) => ({
    storageKey: a.storageKey,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
  }));

/** Requester items share the contact's scope (one chat), agent items the ticket's (one thread). */
export const scopeOf = (audience: Audience, ticket: Ticket): string =>
  audience === "requester" ? `contact:${ticket.requester.contactId}` : `ticket:${ticket.id}`;

export const draft = (
  ticket: Ticket,
  channel: Channel,
  key: string,
  payload: TicketPayload,
  availableAt: Date,
  /** The source key of the event behind it, so the door that made the event can find the item. */
  causeKey?: string,
): OutboxDraft => ({
  key,
  channel,
  kind: payload.kind satisfies OutboxKind,
  ticketId: ticket.id,
  scope: scopeOf(payload.audience, ticket),
  payload,
  availableAt,
  ...(causeKey ? { causeKey } : {}),
});

/** Where requester items go: the requester's own channel, when it can deliver. */
export const requesterChannel = (targets: DeliveryTargets, ticket: Ticket): Channel | null =>
  targets.deliverable(ticket.requester.channel) ? ticket.requester.channel : null;

export const agentsChannel = (targets: DeliveryTargets): Channel | null => {
  const channel = targets.agentChannel();
  return channel && targets.deliverable(channel) ? channel : null;
};
