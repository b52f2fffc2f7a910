import type { AuditTrail } from "../ports/audit-log.js";
import type { RetentionStore } from "../ports/retention.js";

/** Days each kind of data is kept; null keeps it for ever. */
export interface RetentionPolicy {
  readonly closedTicketFilesDays: number | null;
  readonly closedTicketTextDays: number | null;
  readonly abandonedFlowsDays: number | null;
  readonly settledOutboxDays: number | null;
  readonly auditDays: number | null;
  /** Rows per statement. */
  readonly batchSize: number;
  /** Statements per kind per run: a larger backlog is worked off over the next runs. */
  readonly maxBatches: number;
}

export const RETENTION_KINDS = [
  "closed_ticket_files",
  "closed_ticket_text",
  "abandoned_flows",
  "settled_outbox",
  "audit_entries",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export type RetentionCounts = Readonly<Record<RetentionKind, number>>;

export interface RetentionDeps {
  readonly store: RetentionStore;
  readonly audit: AuditTrail;
  /** Deletes the bytes of files nothing references any more. */
  readonly deleteFiles: (storageKeys: readonly string[]) => Promise<readonly string[]>;
}

/** What replaces message text that outlived its retention. */
export const EXPIRED_TEXT = "[removed after the retention period]";

const DAY_MS = 86_400_000;

/** Runs `step` in batches until one comes back short or the cap is reached; returns the total. */
const inBatches = async (policy: RetentionPolicy, step: () => Promise<number>): Promise<number> => {
  let total = 0;
  for (let i = 0; i < policy.maxBatches; i++) {
    const done = await step();
    total += done;
    if (done < policy.batchSize) break;
  }
  return total;
};

/**
 * One retention pass: every kind whose period is set loses what is older than it, in bounded
 * batches. Files of closed tickets go with their rows; their bytes only when no other ticket or
 * chat flow has the same bytes.
 */
export const applyRetention = async (
  deps: RetentionDeps,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionCounts> => {
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const run = (days: number | null, step: (cut: Date) => Promise<number>) =>
    days === null ? Promise.resolve(0) : inBatches(policy, () => step(cutoff(days)));
  const { store } = deps;
  const limit = policy.batchSize;
  return {
    closed_ticket_files: await run(policy.closedTicketFilesDays, async (cut) => {
      const keys = await store.closedTicketFiles(cut, limit);
      await deps.deleteFiles(keys);
      return keys.length;
    }),
    closed_ticket_text: await run(policy.closedTicketTextDays, (cut) =>
      store.closedTicketText(cut, limit, EXPIRED_TEXT),
    ),
    abandoned_flows: await run(policy.abandonedFlowsDays, (cut) => store.abandonedFlows(cut, limit)),
    settled_outbox: await run(policy.settledOutboxDays, (cut) => store.settledOutbox(cut, limit)),
    audit_entries: await run(policy.auditDays, (cut) => deps.audit.prune(cut, limit)),
  };
};
