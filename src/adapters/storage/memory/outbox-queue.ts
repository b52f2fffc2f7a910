import {
  DELIVERY_RECEIPTS,
  type DeliveryReceipt,
  type OutboxItem,
  type OutboxState,
  type PlatformRefusal,
  type Settlement,
} from "../../../core/outbox/delivery.js";
import type { OutboxDraft } from "../../../core/outbox/outbox-draft.js";
import { withSettlements } from "../../../core/outbox/settlements.js";
import type { Outbox } from "../../../core/ports/outbox.js";
import type { OutboxQueue } from "../../../core/ports/outbox-queue.js";

/** A stored item: everything the PostgreSQL row holds. */
export interface MemoryOutboxRow {
  id: number;
  key: string;
  draft: OutboxDraft;
  payload: Readonly<Record<string, unknown>>;
  state: OutboxState;
  attempts: number;
  availableAt: number;
  claimedBy: string | null;
  claimedUntil: number | null;
  platformMessageId: string | null;
  receipt: DeliveryReceipt | null;
  refusal: PlatformRefusal | null;
  lastError: string | null;
  createdAt: Date;
}

export interface MemoryOutbox {
  readonly queue: OutboxQueue;
  /** The writer the ticket repository and the conversation engine write through. */
  readonly writer: Outbox;
  /** Every item written so far, oldest first (tests look at them). */
  rows(): readonly Readonly<MemoryOutboxRow>[];
}

const rank = (receipt: DeliveryReceipt | null) => (receipt ? DELIVERY_RECEIPTS.indexOf(receipt) + 1 : 0);
const waiting = (row: MemoryOutboxRow) => row.state === "PENDING" || row.state === "HELD";

/** The outbox in this process, with the PostgreSQL queue's claiming, ordering and state rules. */
export const createMemoryOutbox = (): MemoryOutbox => {
  const rows: MemoryOutboxRow[] = [];
  const byKey = new Map<string, MemoryOutboxRow>();
  let nextId = 0;

  const settlement = (row: MemoryOutboxRow): Settlement => ({
    key: row.key,
    kind: row.draft.kind,
    channel: row.draft.channel,
    causeKey: row.draft.causeKey ?? null,
    state: row.state,
    receipt: row.receipt,
  });
  const item = (row: MemoryOutboxRow): OutboxItem => ({
    id: String(row.id),
    key: row.key,
    channel: row.draft.channel,
    kind: row.draft.kind,
    ticketId: row.draft.ticketId,
    scope: row.draft.scope,
    payload: structuredClone(row.payload),
    causeKey: row.draft.causeKey ?? null,
    refusal: row.refusal,
    attempts: row.attempts,
    createdAt: row.createdAt,
  });
  const byId = (id: string) => rows.find((r) => r.id === Number(id));
  const claimedBy = (id: string, workerId: string) => {
    const row = byId(id);
    return row && row.state === "PENDING" && row.claimedBy === workerId ? row : undefined;
  };
  const delivered = (channel: string, platformMessageId: string) =>
    rows.find((r) => r.platformMessageId === platformMessageId && r.draft.channel === channel);

  const writer: Outbox = {
    async enqueue(drafts) {
      for (const draft of drafts) {
        if (byKey.has(draft.key)) continue;
        nextId += 1;
        const row: MemoryOutboxRow = {
          id: nextId,
          key: draft.key,
          draft,
          payload: structuredClone(draft.payload),
          state: "PENDING",
          attempts: 0,
          availableAt: draft.availableAt.getTime(),
          claimedBy: null,
          claimedUntil: null,
          platformMessageId: null,
          receipt: null,
          refusal: null,
          lastError: null,
          createdAt: draft.availableAt,
        };
        rows.push(row);
        byKey.set(draft.key, row);
      }
    },
  };

  const queue = withSettlements({
    async claim({ workerId, channels, limit, leaseMs, now }) {
      const at = now.getTime();
      const firstOfScope = new Map<string, MemoryOutboxRow>();
      for (const row of rows)
        if (waiting(row) && !firstOfScope.has(row.draft.scope)) firstOfScope.set(row.draft.scope, row);
      const due = [...firstOfScope.values()]
        .filter(
          (row) =>
            row.availableAt <= at &&
            (row.claimedUntil === null || row.claimedUntil < at) &&
            channels.includes(row.draft.channel),
        )
        .sort((a, b) => a.id - b.id)
        .slice(0, Math.max(0, limit));
      for (const row of due) {
        row.state = "PENDING";
        row.claimedBy = workerId;
        row.claimedUntil = at + leaseMs;
        row.attempts += 1;
      }
      return due.map(item);
    },
    async markDelivered(id, { platformMessageId, at }) {
      const row = byId(id);
      if (row?.state !== "PENDING") return null;
      Object.assign(row, {
        state: "DELIVERED",
        platformMessageId,
        claimedBy: null,
        claimedUntil: null,
        lastError: null,
        deliveredAt: at,
      });
      return settlement(row);
    },
    async scheduleRetry(id, workerId, { availableAt, error }) {
      const row = claimedBy(id, workerId);
      if (!row) return false;
      Object.assign(row, {
        availableAt: availableAt.getTime(),
        claimedBy: null,
        claimedUntil: null,
        lastError: error,
      });
      return true;
    },
    async hold(id, workerId, { recheckAt, reason }) {
      const row = claimedBy(id, workerId);
      if (!row) return false;
      Object.assign(row, {
        state: "HELD",
        availableAt: recheckAt.getTime(),
        claimedBy: null,
        claimedUntil: null,
        lastError: reason,
      });
      return true;
    },
    async markFailed(id, workerId, { error }) {
      const row = claimedBy(id, workerId);
      if (!row) return null;
      Object.assign(row, { state: "FAILED", claimedBy: null, claimedUntil: null, lastError: error });
      return settlement(row);
    },
    async release(workerId) {
      const held = rows.filter((r) => r.state === "PENDING" && r.claimedBy === workerId);
      for (const row of held) Object.assign(row, { claimedBy: null, claimedUntil: null });
      return held.length;
    },
    async cancel(key) {
      const row = byKey.get(key);
      if (row?.state !== "PENDING" || row.claimedBy !== null || row.attempts > 0) return null;
      row.state = "CANCELLED";
      return settlement(row);
    },
    async reviseReply(key, body) {
      const row = byKey.get(key);
      if (
        row?.draft.kind !== "agent_reply" ||
        row.state !== "PENDING" ||
        row.claimedBy !== null ||
        row.attempts > 0
      )
        return false;
      row.payload = { ...row.payload, body };
      return true;
    },
    async findByCause(causeKey, kind) {
      const row = rows.find((r) => r.draft.causeKey === causeKey && r.draft.kind === kind);
      return row ? { key: row.key, state: row.state, receipt: row.receipt, attempts: row.attempts } : null;
    },
    async recordReceipt(channel, platformMessageId, receipt) {
      const row = delivered(channel, platformMessageId);
      if (!row || rank(row.receipt) >= rank(receipt)) return null;
      row.receipt = receipt;
      return settlement(row);
    },
    async reopenDelivered(channel, platformMessageId, { at, refusal, reason, held }) {
      const row = delivered(channel, platformMessageId);
      if (row?.state !== "DELIVERED") return null;
      Object.assign(row, {
        state: held ? "HELD" : "PENDING",
        availableAt: at.getTime(),
        claimedBy: null,
        claimedUntil: null,
        receipt: "FAILED",
        lastError: reason,
        refusal,
      });
      const contactId = row.payload.contactId;
      return {
        ...settlement(row),
        scope: row.draft.scope,
        contactId: typeof contactId === "string" ? contactId : null,
      };
    },
    async releaseHeld(scope, at) {
      const held = rows.filter((r) => r.draft.scope === scope && r.state === "HELD");
      for (const row of held) Object.assign(row, { state: "PENDING", availableAt: at.getTime() });
      return held.length;
    },
    hasPending: async (scope, kind) =>
      rows.some((r) => r.draft.scope === scope && r.draft.kind === kind && waiting(r)),
    depth: async () => rows.filter(waiting).length,
  });

  return { queue, writer, rows: () => rows };
};
