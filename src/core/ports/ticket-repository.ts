import type { OutboxDraft } from "../outbox/outbox-draft.js";
import type { Result } from "../shared/result.js";
import type { Channel } from "../ticket/channel.js";
import type { CoreError } from "../ticket/errors.js";
import type { Priority } from "../ticket/priority.js";
import type { TicketStatus } from "../ticket/status.js";
import type { NewTicketEvent, Requester, Ticket, TicketEvent } from "../ticket/ticket.js";

/** The fields a change may set; everything else about a ticket is fixed at creation. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | "status"
    | "statusChangedAt"
    | "closedAt"
    | "priority"
    | "department"
    | "assignee"
    | "lastReply"
    | "firstResponseAt"
    | "requesterLastMessageAt"
    | "agentReadAt"
    | "contactRequestedAt"
    | "rating"
    | "sla"
    | "tags"
    | "mergedInto"
  >
>;

/**
 * A correction to an event already stored: an agent's reply edited or withdrawn while it still
 * waited to go out, so the history holds what the requester actually received.
 */
export interface EventRevision {
  readonly eventId: string;
  readonly body?: string | null;
  readonly withdrawnAt?: Date;
}

/** What a decision produces: persisted together, or not at all. */
export interface TicketChange {
  readonly patch: TicketPatch;
  readonly events: readonly NewTicketEvent[];
  readonly revisions?: readonly EventRevision[];
  readonly outbox: readonly OutboxDraft[];
  /** Words to add to the ticket's search index (public message text). */
  readonly searchText?: string;
}

export interface NewTicket {
  readonly id: string;
  readonly subject: string;
  readonly department: string;
  readonly priority: Priority;
  readonly type: string;
  /** Where the ticket was opened; the requester's own channel is where replies go. */
  readonly channel: Channel;
  readonly requester: Requester;
  readonly organizationId: string;
  readonly createdAt: Date;
  readonly sourceKey: string | null;
  readonly openingMessage: NewTicketEvent;
  /** Built once the number is known, inside the creating transaction. */
  readonly outbox: (ticket: Ticket) => readonly OutboxDraft[];
}

export type SortField = "createdAt" | "updatedAt" | "number" | "priority";

export interface TicketQuery {
  readonly statuses?: readonly TicketStatus[];
  readonly priorities?: readonly Priority[];
  readonly departments?: readonly string[];
  readonly types?: readonly string[];
  readonly organizationId?: string;
  readonly requesterPersonId?: string;
  readonly assigneeId?: string;
  /** Tickets carrying every one of these tags. */
  readonly tags?: readonly string[];
  /** Only tickets nobody is assigned to. */
  readonly unassigned?: boolean;
  /**
   * Only open tickets the timers marked past a first-response or resolution target (the same marks
   * the dashboard's breach counts read).
   */
  readonly slaBreached?: boolean;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  /** Full-text words (accent- and case-insensitive, Portuguese and English stemming). */
  readonly text?: string;
  /**
   * "all" (default): every word must match. "any": at least one word matches and the best matches come
   * first (for "is it one of these?" suggestions; the sort and cursor are then ignored).
   */
  readonly textMode?: "all" | "any";
  readonly sort?: { readonly field: SortField; readonly direction: "asc" | "desc" };
  readonly limit: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface DashboardCounts {
  readonly total: number;
  readonly open: number;
  readonly answered: number;
  readonly closed: number;
  /** Open or answered tickets with HIGH priority. */
  readonly highPriority: number;
  readonly byStatus: Readonly<Record<TicketStatus, number>>;
  readonly byDepartment: Readonly<Record<string, number>>;
}

/** How many tickets carry a tag, and how many of them are still open or answered. */
export interface TagCount {
  readonly tag: string;
  readonly total: number;
  readonly notClosed: number;
}

/** Scope of counts: one organization, one requester, or everything. */
export type StatsScope = Pick<TicketQuery, "organizationId" | "requesterPersonId">;

/** Tickets and their history. Implemented in memory (unit tests) and with Prisma; one contract suite checks both. */
export interface TicketRepository {
  /** Allocates the next number gap-free; a `sourceKey` seen before returns that ticket with created=false. */
  create(ticket: NewTicket): Promise<{ ticket: Ticket; created: boolean }>;
  findById(id: string): Promise<Ticket | null>;
  findByNumber(ticketNumber: number): Promise<Ticket | null>;
  /**
   * Locks the ticket, lets `decide` look at its current state and persists the resulting change atomically.
   * With a `sourceKey` (platform message id) already recorded on an event, nothing is decided or
   * written again and the current ticket comes back with duplicate=true.
   */
  update(
    ticketId: string,
    decide: (current: Ticket) => Result<TicketChange, CoreError>,
    sourceKey?: string,
  ): Promise<Result<{ ticket: Ticket; duplicate: boolean }, CoreError>>;
  events(ticketId: string): Promise<TicketEvent[]>;
  list(query: TicketQuery): Promise<Page<Ticket>>;
  stats(scope: StatsScope): Promise<DashboardCounts>;
  /** Tickets per tag within the scope, most used first. */
  tagCounts(scope: StatsScope): Promise<TagCount[]>;
}
