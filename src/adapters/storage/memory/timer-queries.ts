import type { Outbox } from "../../../core/ports/outbox.js";
import type { StatsScope } from "../../../core/ports/ticket-repository.js";
import type { TimedTicket, TimerQueries } from "../../../core/ports/timer-queries.js";
import { isClosed } from "../../../core/ticket/status.js";
import type { Ticket } from "../../../core/ticket/ticket.js";
import { dueSlaAlerts, type SlaStamps } from "../../../core/timers/sla.js";
import { atTriage } from "../../../core/timers/triage.js";

interface Stamps {
  reminderSentAt: Date | null;
  sla: SlaStamps;
}

const NO_SLA_STAMPS: SlaStamps = {
  firstWarnedAt: null,
  firstBreachedAt: null,
  resolutionWarnedAt: null,
  resolutionBreachedAt: null,
};

const STAMP_FIELDS = {
  first_response: { warned: "firstWarnedAt", breached: "firstBreachedAt" },
  resolution: { warned: "resolutionWarnedAt", breached: "resolutionBreachedAt" },
} as const;

/** The timers' queries over the memory ticket repository, with the same once-only stamps. */
export const createMemoryTimerQueries = (deps: {
  readonly tickets: () => readonly Ticket[];
  readonly outbox: Outbox;
}): TimerQueries & { slaBreached(ticketId: string): boolean } => {
  const stamps = new Map<string, Stamps>();
  const stampsOf = (id: string): Stamps => stamps.get(id) ?? { reminderSentAt: null, sla: NO_SLA_STAMPS };
  const timed = (ticket: Ticket): TimedTicket => ({
    ticket,
    reminderSentAt: stampsOf(ticket.id).reminderSentAt,
    stamps: stampsOf(ticket.id).sla,
  });
  const waiting = (since: Date) =>
    deps
      .tickets()
      .filter((t) => t.status === "WAITING_ON_REQUESTER" && t.statusChangedAt <= since)
      .sort((a, b) => a.statusChangedAt.getTime() - b.statusChangedAt.getTime());
  const unreminded = (t: Ticket) => {
    const sent = stampsOf(t.id).reminderSentAt;
    return sent === null || sent < t.statusChangedAt;
  };

  return {
    dueForReminder: async (since, limit) => waiting(since).filter(unreminded).slice(0, limit).map(timed),
    waitingSince: async (since, limit) => waiting(since).slice(0, limit).map(timed),
    atTriageSince: async (since, limit) => waiting(since).filter(atTriage).slice(0, limit).map(timed),
    async markReminded(ticket, now, drafts) {
      const current = deps.tickets().find((t) => t.id === ticket.id);
      const due =
        current?.status === "WAITING_ON_REQUESTER" &&
        current.statusChangedAt.getTime() === ticket.statusChangedAt.getTime() &&
        unreminded(current);
      if (!due) return false;
      stamps.set(ticket.id, { ...stampsOf(ticket.id), reminderSentAt: now });
      await deps.outbox.enqueue(drafts);
      return true;
    },
    async slaCandidates(now, policy, limit) {
      return deps
        .tickets()
        .filter((t) => !isClosed(t.status) && t.sla.pausedSince === null)
        .filter((t) => dueSlaAlerts(t, stampsOf(t.id).sla, now, policy).length > 0)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .slice(0, limit)
        .map(timed);
    },
    async stampSla(ticketId, alert, now, drafts) {
      const fields = STAMP_FIELDS[alert.clock];
      const current = stampsOf(ticketId);
      const taken =
        current.sla[fields.breached] !== null ||
        (alert.level === "warning" && current.sla[fields.warned] !== null);
      if (taken) return false;
      const sla =
        alert.level === "breach"
          ? { ...current.sla, [fields.breached]: now, [fields.warned]: current.sla[fields.warned] ?? now }
          : { ...current.sla, [fields.warned]: now };
      stamps.set(ticketId, { ...current, sla });
      await deps.outbox.enqueue(drafts);
      return true;
    },
    slaBreached(ticketId) {
      const sla = stampsOf(ticketId).sla;
      return sla.firstBreachedAt !== null || sla.resolutionBreachedAt !== null;
    },
    async slaCounts(scope: StatsScope) {
      const open = deps
        .tickets()
        .filter(
          (t) =>
            !isClosed(t.status) &&
            (!scope.organizationId || t.organizationId === scope.organizationId) &&
            (!scope.requesterPersonId || t.requester.personId === scope.requesterPersonId),
        )
        .map((t) => stampsOf(t.id).sla);
      const count = (p: (s: SlaStamps) => boolean) => open.filter(p).length;
      return {
        firstResponseBreached: count((s) => s.firstBreachedAt !== null),
        resolutionBreached: count((s) => s.resolutionBreachedAt !== null),
        firstResponseWarned: count((s) => s.firstWarnedAt !== null && s.firstBreachedAt === null),
        resolutionWarned: count((s) => s.resolutionWarnedAt !== null && s.resolutionBreachedAt === null),
      };
    },
  };
};
