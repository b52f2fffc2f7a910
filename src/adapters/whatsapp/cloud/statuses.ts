import type { DeliveryReceipt } from "../../../core/outbox/delivery.js";
import type { Clock } from "../../../core/ports/clock.js";
import type { OutboxQueue } from "../../../core/ports/outbox-queue.js";
import { isUnreachableCode, REENGAGEMENT_REQUIRED } from "./outcomes.js";
import type { CloudStatus } from "./parse.js";
import { WINDOW_RECHECK_MS } from "./sender.js";
import type { WindowGuard } from "./window.js";

const RECEIPT_OF: Record<Exclude<CloudStatus["status"], "failed">, DeliveryReceipt> = {
  sent: "SENT",
  delivered: "DELIVERED",
  read: "READ",
};

/**
 * Applies one status webhook. Receipts only move forward, so Meta's duplicates and reordering change
 * nothing. A "failed" status reopens the delivered item: for 131047 the window is marked closed and
 * the item is held for the template way; for anything else its next attempt fails for good, which
 * tells the agents (and marks the contact unreachable when Meta says the number cannot receive
 * messages). Statuses of messages that are not outbox items (dialogue answers, templates) match nothing.
 */
export const createStatusHandler = (deps: {
  readonly outbox: Pick<OutboxQueue, "recordReceipt" | "reopenDelivered" | "releaseHeld">;
  readonly window: WindowGuard;
  readonly clock: Clock;
}) => {
  return async (status: CloudStatus): Promise<void> => {
    if (status.status !== "failed") {
      await deps.outbox.recordReceipt("WHATSAPP", status.id, RECEIPT_OF[status.status]);
      return;
    }
    const error = status.error ?? { code: 0, title: "failed without a reason" };
    const now = deps.clock.now();
    const reason = `WhatsApp reported ${error.code}: ${error.title}`;
    if (error.code !== REENGAGEMENT_REQUIRED) {
      const refusal = { ...error, unreachable: isUnreachableCode(error.code) };
      await deps.outbox.reopenDelivered("WHATSAPP", status.id, { at: now, refusal, reason, held: false });
      return;
    }
    // Held first and released once the window is marked closed, so no attempt sees it still open.
    const held = await deps.outbox.reopenDelivered("WHATSAPP", status.id, {
      at: new Date(now.getTime() + WINDOW_RECHECK_MS),
      refusal: null,
      reason: `outside the 24-hour window: ${reason}`,
      held: true,
    });
    if (!held) return;
    if (held.contactId) await deps.window.markClosed(held.contactId);
    await deps.outbox.releaseHeld(held.scope, now);
  };
};
