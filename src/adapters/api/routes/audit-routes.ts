import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_DOORS, type AuditEntry } from "../../../core/ports/audit-log.js";
import { auditFilters, toAuditQuery } from "../../../core/privacy/audit-query.js";
import { adminOnly } from "../admin.js";
import type { ApiDeps } from "../deps.js";
import { defineRoute } from "../route.js";

const auditEntryJson = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  door: z.enum(AUDIT_DOORS),
  action: z.enum(AUDIT_ACTIONS),
  target: z.object({ kind: z.string(), id: z.string() }),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

const auditPage = z.object({
  items: z.array(auditEntryJson),
  nextBefore: z.string().nullable().meta({ description: "Pass as `before` for the next (older) page" }),
});

const toJson = (e: AuditEntry) => ({ ...e, at: e.at.toISOString() });

export const auditRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "GET",
    path: "/audit",
    operationId: "listAuditEntries",
    summary: "The audit log of administrative actions, newest first (admin keys only)",
    query: auditFilters,
    response: { status: 200, schema: auditPage, description: "A page of audit entries" },
    errors: [403],
    async handle({ principal, query }) {
      const refused = adminOnly(principal);
      if (refused) return refused;
      const items = await deps.audit.list(toAuditQuery(query));
      return {
        kind: "ok",
        body: {
          items: items.map(toJson),
          nextBefore: items.length === query.limit ? (items.at(-1)?.id ?? null) : null,
        },
      };
    },
  }),
];
