import type { AuditEntry } from "../../core/ports/audit-log.js";
import { auditFilters, toAuditQuery } from "../../core/privacy/audit-query.js";
import { type Command, UsageError } from "./command.js";
import { cliLabels } from "./labels.js";
import { issueText, usageLabels } from "./usage-labels.js";

const USAGE =
  "audit [--actor ID] [--action api_key.created|contact.erased|…] [--door cli|api|…] [--target ID] " +
  "[--target-kind contact|api_key|…] [--from DATE] [--to DATE] [--before ENTRY_ID] [--limit 50]";

const line = (by: string, e: AuditEntry): string =>
  [
    e.id.padStart(6),
    e.at.toISOString(),
    e.door.padEnd(8),
    e.action.padEnd(20),
    `${e.target.kind}:${e.target.id}`,
    `${by} ${e.actor.kind}:${e.actor.id}`,
    Object.keys(e.detail).length > 0 ? JSON.stringify(e.detail) : "",
  ]
    .join("  ")
    .trimEnd();

export const audit: Command = {
  name: "audit",
  summary: {
    en: "read the audit log of administrative actions, newest first",
    "pt-BR": "ler o registro de auditoria das ações administrativas, das mais recentes para as mais antigas",
  },
  usage: USAGE,
  examples: [
    "audit",
    "audit --action contact.erased --from 2026-11-01",
    "audit --door api --limit 20 --json",
  ],
  options: {
    actor: { type: "string" },
    action: { type: "string" },
    door: { type: "string" },
    target: { type: "string" },
    "target-kind": { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    before: { type: "string" },
    limit: { type: "string" },
  },
  async run(ctx, values) {
    const { "target-kind": targetKind, json: _json, ...rest } = values;
    const parsed = auditFilters.safeParse({ ...rest, ...(targetKind === undefined ? {} : { targetKind }) });
    if (!parsed.success) {
      throw new UsageError(
        parsed.error.issues
          .map((i) => `--${String(i.path[0] ?? "?")}: ${issueText(usageLabels[ctx.lang], i)}`)
          .join("\n"),
      );
    }
    return ctx.session(async (core) => {
      const entries = await core.audit.list(toAuditQuery(parsed.data));
      if (ctx.json) ctx.io.out(JSON.stringify(entries, null, 2));
      else {
        const l = cliLabels[ctx.lang];
        ctx.io.out(entries.length > 0 ? entries.map((e) => line(l.by, e)).join("\n") : l.noEntries);
      }
      return 0;
    });
  },
};

export const auditCommands: readonly Command[] = [audit];
