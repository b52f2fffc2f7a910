import { randomUUID } from "node:crypto";
import type { OutboxDraft } from "../../../core/outbox/outbox-draft.js";
import type { Outbox } from "../../../core/ports/outbox.js";
import type {
  DashboardCounts,
  NewTicket,
  Page,
  StatsScope,
  TagCount,
  TicketQuery,
  TicketRepository,
} from "../../../core/ports/ticket-repository.js";
import { fold } from "../../../core/shared/fold.js";
import { ok } from "../../../core/shared/result.js";
import { applyPatch } from "../../../core/ticket/decisions.js";
import { openedTicket } from "../../../core/ticket/opened-ticket.js";
import {
  isClosed,
  PUBLIC_STATUS_OF,
  TICKET_STATUSES,
  type TicketStatus,
} from "../../../core/ticket/status.js";
import type { Ticket, TicketEvent } from "../../../core/ticket/ticket.js";
import { decodeCursor, encodeCursor, PRIORITY_RANK, positionAfter, sortNumberOf } from "../cursor.js";

interface Stored {
  ticket: Ticket;
  events: TicketEvent[];
  words: string[];
  sourceKey: string | null;
}

const words = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * In-process repository for tests and the memory storage; same behaviour as the Prisma one. Each
 * change's outbox drafts go to `outbox` with the change, as the database writes them in one transaction.
 */
export const createMemoryTicketRepository = (
  options: {
    readonly outbox?: Outbox;
    /** Whether the timers marked this ticket past an SLA target (they keep the marks elsewhere). */
    readonly slaBreached?: (ticketId: string) => boolean;
  } = {},
) => {
  const byId = new Map<string, Stored>();
  const byNumber = new Map<number, string>();
  const eventKeys = new Set<string>();
  const outbox: OutboxDraft[] = [];
  const locks = new Map<string, Promise<unknown>>();
  let counter = 0;
  let eventId = 0;

  const withLock = async <T>(key: string, fn: () => Promise<T> | T): Promise<T> => {
    const previous = locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    locks.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };

  const toEvents = (ticketId: string, drafts: NewTicket["openingMessage"][]): TicketEvent[] =>
    drafts.map(({ sourceKey, attachments, ...draft }) => {
      if (sourceKey) eventKeys.add(sourceKey);
      eventId += 1;
      return {
        ...draft,
        id: String(eventId),
        ticketId,
        attachments: attachments ?? [],
        ...(sourceKey ? { sourceKey } : {}),
      };
    });

  const sortValue = (t: Ticket, field: NonNullable<TicketQuery["sort"]>["field"]): number =>
    field === "number"
      ? t.number
      : field === "priority"
        ? PRIORITY_RANK[t.priority]
        : (field === "createdAt" ? t.createdAt : t.updatedAt).getTime();

  const repository: TicketRepository = {
    create: (draft: NewTicket) =>
      withLock("create", async () => {
        const existing = draft.sourceKey
          ? [...byId.values()].find((s) => s.sourceKey === draft.sourceKey)
          : undefined;
        if (existing) return { ticket: existing.ticket, created: false };
        counter += 1;
        const ticket = openedTicket(draft, counter);
        const events = toEvents(ticket.id, [draft.openingMessage]);
        byId.set(ticket.id, {
          ticket,
          events,
          words: words(`${draft.subject} ${draft.openingMessage.body ?? ""}`),
          sourceKey: draft.sourceKey,
        });
        byNumber.set(ticket.number, ticket.id);
        const drafts = draft.outbox(ticket);
        outbox.push(...drafts);
        await options.outbox?.enqueue(drafts);
        return { ticket, created: true };
      }),

    findById: async (id) => byId.get(id)?.ticket ?? null,
    findByNumber: async (n) => {
      const id = byNumber.get(n);
      return id ? (byId.get(id)?.ticket ?? null) : null;
    },

    update: (ticketId, decide, sourceKey) =>
      withLock(ticketId, async () => {
        const stored = byId.get(ticketId);
        if (!stored) throw new Error(`ticket ${ticketId} vanished`);
        if (sourceKey && eventKeys.has(sourceKey)) return ok({ ticket: stored.ticket, duplicate: true });
        const decision = decide(stored.ticket);
        if (!decision.ok) return decision;
        const { patch, events, searchText, revisions = [] } = decision.value;
        if (events.length === 0 && Object.keys(patch).length === 0 && revisions.length === 0) {
          return ok({ ticket: stored.ticket, duplicate: false });
        }
        const now = events[0]?.createdAt ?? new Date();
        stored.ticket = applyPatch(stored.ticket, patch, now);
        stored.events = stored.events.map((e) => {
          const revision = revisions.find((r) => r.eventId === e.id);
          if (!revision) return e;
          return {
            ...e,
            ...(revision.body !== undefined ? { body: revision.body } : {}),
            ...(revision.withdrawnAt ? { withdrawnAt: revision.withdrawnAt } : {}),
          };
        });
        stored.events.push(...toEvents(ticketId, [...events]));
        if (revisions.length > 0) {
          // Searched as it now reads: withdrawn replies out, edited ones as sent.
          const bodies = stored.events
            .filter((e) => e.kind === "MESSAGE" && !e.withdrawnAt)
            .map((e) => e.body ?? "");
          stored.words = words([stored.ticket.subject, ...bodies].join(" "));
        } else if (searchText) stored.words.push(...words(searchText));
        outbox.push(...decision.value.outbox);
        await options.outbox?.enqueue(decision.value.outbox);
        return ok({ ticket: stored.ticket, duplicate: false });
      }),

    events: async (ticketId) => [...(byId.get(ticketId)?.events ?? [])],

    async list(query: TicketQuery): Promise<Page<Ticket>> {
      const field = query.sort?.field ?? "createdAt";
      const direction = query.sort?.direction ?? "desc";
      const wanted = query.text ? words(query.text) : [];
      const after = decodeCursor(query.cursor, field);
      const matches = [...byId.values()]
        .filter(({ ticket: t, words: w }) => {
          if (query.statuses && !query.statuses.includes(t.status)) return false;
          if (query.priorities && !query.priorities.includes(t.priority)) return false;
          if (query.departments && !query.departments.includes(t.department)) return false;
          if (query.types && !query.types.includes(t.type)) return false;
          if (query.organizationId && t.organizationId !== query.organizationId) return false;
          if (query.requesterPersonId && t.requester.personId !== query.requesterPersonId) return false;
          if (query.assigneeId && t.assignee?.id !== query.assigneeId) return false;
          if (query.tags && !query.tags.every((tag) => t.tags.includes(tag))) return false;
          if (query.unassigned && t.assignee !== null) return false;
          if (query.slaBreached && (isClosed(t.status) || !options.slaBreached?.(t.id))) return false;
          if (query.createdFrom && t.createdAt < query.createdFrom) return false;
          if (query.createdTo && t.createdAt >= query.createdTo) return false;
          const hit = (word: string) => w.some((candidate) => candidate.startsWith(word));
          return query.textMode === "any" ? wanted.some(hit) : wanted.every(hit);
        })
        .map((s) => s.ticket)
        .sort((a, b) => {
          const d = sortValue(a, field) - sortValue(b, field) || a.number - b.number;
          return direction === "asc" ? d : -d;
        })
        .filter((t) => {
          if (!after) return true;
          const d = sortValue(t, field) - sortNumberOf(after) || t.number - after.number;
          return direction === "asc" ? d > 0 : d < 0;
        });
      if (query.textMode === "any" && wanted.length > 0) {
        const score = (t: Ticket) =>
          wanted.filter((word) => byId.get(t.id)!.words.some((c) => c.startsWith(word))).length;
        const ranked = [...matches].sort((a, b) => score(b) - score(a) || b.number - a.number);
        return { items: ranked.slice(0, query.limit), nextCursor: null };
      }
      const items = matches.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: matches.length > query.limit && last ? encodeCursor(positionAfter(last, field)) : null,
      };
    },

    async tagCounts(scope: StatsScope): Promise<TagCount[]> {
      const counts = new Map<string, { total: number; notClosed: number }>();
      for (const { ticket: t } of byId.values()) {
        if (scope.organizationId && t.organizationId !== scope.organizationId) continue;
        if (scope.requesterPersonId && t.requester.personId !== scope.requesterPersonId) continue;
        for (const tag of t.tags) {
          const count = counts.get(tag) ?? { total: 0, notClosed: 0 };
          count.total += 1;
          if (!isClosed(t.status)) count.notClosed += 1;
          counts.set(tag, count);
        }
      }
      return [...counts]
        .map(([tag, c]) => ({ tag, ...c }))
        .sort((a, b) => b.total - a.total || a.tag.localeCompare(b.tag));
    },

    async stats(scope: StatsScope): Promise<DashboardCounts> {
      const inScope = [...byId.values()]
        .map((s) => s.ticket)
        .filter(
          (t) =>
            (!scope.organizationId || t.organizationId === scope.organizationId) &&
            (!scope.requesterPersonId || t.requester.personId === scope.requesterPersonId),
        );
      const byStatus = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
      const byDepartment: Record<string, number> = {};
      for (const t of inScope) {
        byStatus[t.status] += 1;
        byDepartment[t.department] = (byDepartment[t.department] ?? 0) + 1;
      }
      const count = (p: (t: Ticket) => boolean) => inScope.filter(p).length;
      return {
        total: inScope.length,
        open: count((t) => PUBLIC_STATUS_OF[t.status] === "OPEN"),
        answered: count((t) => PUBLIC_STATUS_OF[t.status] === "ANSWERED"),
        closed: count((t) => PUBLIC_STATUS_OF[t.status] === "CLOSED"),
        highPriority: count((t) => t.priority === "HIGH" && PUBLIC_STATUS_OF[t.status] !== "CLOSED"),
        byStatus,
        byDepartment,
      };
    },
  };
  /** Whether an attachment of any ticket has these bytes (what the parked-file store asks). */
  const isAttached = async (storageKey: string): Promise<boolean> =>
    [...byId.values()].some((s) =>
      s.events.some((e) => e.attachments.some((a) => a.storageKey === storageKey)),
    );
  return {
    repository,
    outbox,
    newId: randomUUID,
    isAttached,
    /** Every ticket as it stands (the memory timers read them). */
    all: (): Ticket[] => [...byId.values()].map((s) => s.ticket),
    numberOf: (id: string): number | null => byId.get(id)?.ticket.number ?? null,
  };
};
