import type {
  AuditAction,
  AuditActorKind,
  AuditDetail,
  AuditDoor,
  AuditEntry,
  AuditQuery,
  AuditTargetKind,
  AuditTrail,
} from "../../../core/ports/audit-log.js";
import type { Prisma, PrismaClient } from "./client.js";

type Row = Awaited<ReturnType<PrismaClient["auditEntry"]["findFirstOrThrow"]>>;

const toEntry = (row: Row): AuditEntry => ({
  id: row.id.toString(),
  at: row.at,
  actor: { kind: row.actorKind as AuditActorKind, id: row.actorId, name: row.actorName },
  door: row.door as AuditDoor,
  action: row.action as AuditAction,
  target: { kind: row.targetKind as AuditTargetKind, id: row.targetId },
  detail: (row.detail ?? {}) as AuditDetail,
});

const whereOf = (q: AuditQuery): Prisma.AuditEntryWhereInput => ({
  ...(q.actorId ? { actorId: q.actorId } : {}),
  ...(q.action ? { action: q.action } : {}),
  ...(q.door ? { door: q.door } : {}),
  ...(q.targetKind ? { targetKind: q.targetKind } : {}),
  ...(q.targetId ? { targetId: q.targetId } : {}),
  ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } } : {}),
  ...(q.before ? { id: { lt: BigInt(q.before) } } : {}),
});

/** The audit log in `audit_entry`; the table refuses updates (see its migration). */
export const createPrismaAuditTrail = (prisma: PrismaClient): AuditTrail => ({
  async record(entry) {
    await prisma.auditEntry.create({
      data: {
        at: entry.at,
        actorKind: entry.actor.kind,
        actorId: entry.actor.id,
        actorName: entry.actor.name,
        door: entry.door,
        action: entry.action,
        targetKind: entry.target.kind,
        targetId: entry.target.id,
        detail: entry.detail ?? {},
      },
    });
  },

  async list(query) {
    const rows = await prisma.auditEntry.findMany({
      where: whereOf(query),
      orderBy: { id: "desc" },
      take: query.limit,
    });
    return rows.map(toEntry);
  },

  async prune(cutoff, limit) {
    // A bounded batch by primary key: each call holds its row locks for a moment only.
    return prisma.$executeRaw`
      DELETE FROM audit_entry WHERE id IN (
        SELECT id FROM audit_entry WHERE at < ${cutoff} ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
  },
});
