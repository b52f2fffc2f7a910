import type { AuditEntry, AuditQuery, AuditTrail } from "../../../core/ports/audit-log.js";

const matches = (e: AuditEntry, q: AuditQuery): boolean =>
  (!q.actorId || e.actor.id === q.actorId) &&
  (!q.action || e.action === q.action) &&
  (!q.door || e.door === q.door) &&
  (!q.targetKind || e.target.kind === q.targetKind) &&
  (!q.targetId || e.target.id === q.targetId) &&
  (!q.from || e.at >= q.from) &&
  (!q.to || e.at < q.to) &&
  (!q.before || BigInt(e.id) < BigInt(q.before));

/** The audit log in this process's memory. */
export const createMemoryAuditTrail = (): AuditTrail => {
  const entries: AuditEntry[] = [];
  let next = 1n;
  return {
    async record(entry) {
      entries.push({ ...entry, id: (next++).toString(), detail: { ...(entry.detail ?? {}) } });
    },
    async list(query) {
      return entries
        .filter((e) => matches(e, query))
        .reverse()
        .slice(0, query.limit);
    },
    async prune(cutoff, limit) {
      let removed = 0;
      for (let i = 0; i < entries.length && removed < limit; ) {
        if (entries[i]!.at < cutoff) {
          entries.splice(i, 1);
          removed++;
        } else i++;
      }
      return removed;
    },
  };
};
