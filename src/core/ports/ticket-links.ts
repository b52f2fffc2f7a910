import type { Channel } from "../ticket/channel.js";

/**
 * What a linked message is to its ticket: the root agents work in (Slack's message in the agents'
 * channel) or the thread a requester follows it in (a Slack DM thread). The Prisma enum mirrors it.
 */
export const LINK_ROLES = ["AGENTS_ROOT", "REQUESTER_THREAD"] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

/** A message on a platform: its conversation (a channel, a chat) and its id there. */
export interface MessageRef {
  readonly conversation: string;
  readonly message: string;
}

/**
 * Where a ticket lives on a platform beyond the core: one message per ticket, channel and role,
 * and each message belongs to at most one ticket. Bookkeeping of the door that posted it, not part
 * of the ticket's history: setting a link neither bumps the ticket's version nor adds an event.
 */
export interface TicketLinks {
  get(ticketId: string, channel: Channel, role: LinkRole): Promise<MessageRef | null>;
  /** The links of several tickets at once (a list on a dashboard), by ticket id; unlinked ones are absent. */
  many(
    ticketIds: readonly string[],
    channel: Channel,
    role: LinkRole,
  ): Promise<ReadonlyMap<string, MessageRef>>;
  /** Records the link, replacing an earlier message of the same role (a root posted again). */
  set(ticketId: string, channel: Channel, role: LinkRole, ref: MessageRef): Promise<void>;
  /** The ticket this message is the root or thread of, by an indexed lookup. */
  findTicket(
    channel: Channel,
    role: LinkRole,
    ref: MessageRef,
  ): Promise<{ readonly id: string; readonly number: number } | null>;
}
