import type { Channel } from "./channel.js";
import type { Priority } from "./priority.js";
import type { TicketStatus } from "./status.js";

export type ActorKind = "REQUESTER" | "AGENT" | "SYSTEM";

/** Who performs an action. Built only from verified platform identity or an authenticated key. */
export type Actor =
  | {
      readonly kind: "requester";
      readonly contactId: string;
      readonly personId: string;
      readonly organizationId: string;
      readonly name: string;
      readonly orgAdmin: boolean;
    }
  | { readonly kind: "agent"; readonly id: string; readonly name: string }
  | { readonly kind: "system" };

export interface Requester {
  readonly contactId: string;
  readonly personId: string;
  readonly channel: Channel;
  readonly displayName: string;
}

export interface Ticket {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly department: string;
  readonly priority: Priority;
  readonly type: string;
  readonly status: TicketStatus;
  readonly channel: Channel;
  readonly requester: Requester;
  readonly organizationId: string;
  readonly assignee: { readonly id: string; readonly name: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly statusChangedAt: Date;
  readonly lastReply: { readonly at: Date; readonly by: ActorKind; readonly name: string } | null;
  readonly firstResponseAt: Date | null;
  readonly closedAt: Date | null;
  readonly requesterLastMessageAt: Date | null;
  readonly agentReadAt: Date | null;
  readonly contactRequestedAt: Date | null;
  readonly rating: { readonly score: number; readonly comment: string | null } | null;
  /** SLA clocks stop while the ticket waits on the requester. */
  readonly sla: { readonly pausedMs: number; readonly pausedSince: Date | null };
  /** Agents' labels (lowercase, sorted); requesters never see them. */
  readonly tags: readonly string[];
  /** The ticket this duplicate was merged into; its requester's replies go there. */
  readonly mergedInto: { readonly id: string; readonly number: number } | null;
  readonly version: number;
}

export const EVENT_KINDS = [
  "MESSAGE",
  "NOTE",
  "STATUS_CHANGED",
  "PRIORITY_CHANGED",
  "DEPARTMENT_CHANGED",
  "ASSIGNEE_CHANGED",
  "CONTACT_REQUESTED",
  "AGENT_READ",
  "RATED",
  "DELIVERY_FAILED",
  "REPLY_WITHDRAWN",
  "CONTACT_DONE",
  "TAGS_CHANGED",
  /** On a duplicate: merged into the ticket `to` names. */
  "MERGED_INTO",
  /** On the target: the duplicate `from` names was merged here; `body` lists its history (agents only). */
  "MERGED_FROM",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface AttachmentMeta {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly storageKey: string;
}

/** An immutable line of a ticket's history. */
export interface TicketEvent {
  readonly id: string;
  readonly ticketId: string;
  readonly kind: EventKind;
  readonly actor: { readonly kind: ActorKind; readonly id: string; readonly name: string };
  readonly body: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly createdAt: Date;
  readonly attachments: readonly AttachmentMeta[];
  /** The platform message this event came from, when there was one. */
  readonly sourceKey?: string;
  /**
   * Set on an agent's reply withdrawn before it went out (and on the status move it caused): the
   * requester never received it, so their history, the ticket's state and its clocks leave it out.
   */
  readonly withdrawnAt?: Date;
}

export type NewTicketEvent = Omit<
  TicketEvent,
  "id" | "ticketId" | "attachments" | "sourceKey" | "withdrawnAt"
> & {
  readonly sourceKey?: string | undefined;
  readonly attachments?: readonly AttachmentMeta[];
};
