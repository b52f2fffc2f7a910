import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_DOORS, type AuditQuery } from "../ports/audit-log.js";

const TARGET_KINDS = ["api_key", "contact", "person", "organization", "config", "console_user"] as const;

/**
 * Filters of the audit log as the CLI and the API take them (strings from a command line or a query
 * string), into the port's query. One schema, so both doors accept and refuse the same things.
 */
export const auditFilters = z
  .object({
    actor: z.string().trim().min(1).max(200).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    door: z.enum(AUDIT_DOORS).optional(),
    targetKind: z.enum(TARGET_KINDS).optional(),
    target: z.string().trim().min(1).max(200).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    before: z
      .string()
      .regex(/^[1-9][0-9]{0,18}$/, { error: "expected the id of an entry" })
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export type AuditFilters = z.output<typeof auditFilters>;

export const toAuditQuery = (f: AuditFilters): AuditQuery => ({
  limit: f.limit,
  ...(f.actor ? { actorId: f.actor } : {}),
  ...(f.action ? { action: f.action } : {}),
  ...(f.door ? { door: f.door } : {}),
  ...(f.targetKind ? { targetKind: f.targetKind } : {}),
  ...(f.target ? { targetId: f.target } : {}),
  ...(f.from ? { from: new Date(f.from) } : {}),
  ...(f.to ? { to: new Date(f.to) } : {}),
  ...(f.before ? { before: f.before } : {}),
});
