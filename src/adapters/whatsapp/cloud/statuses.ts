import type { Clock } from "../../../core/ports/clock.js";
import { type Receipt, type WhatsAppDeliveries, WINDOW_HOLD_REASON } from "../ports.js";
import { isUnreachableCode, REENGAGEMENT_REQUIRED } from "./outcomes.js";
import type { CloudStatus } from "./parse.js";
import { WINDOW_RECHECK_MS } from "./sender.js";
import type { WindowGuard } from "./window.js";

const RECEIPT_OF: Record<Exclude<CloudStatus["status"], "failed">, Receipt> = {
  sent: "SENT",
  delivered: "DELIVERED",
  read: "READ",
};

/**
 * Applies one status webhook. Receipts only move forward, so Meta's duplicates and reordering change
 * nothing. A "failed" status reopens the delivered item: for 131047 the window is marked closed and
 * the item goes the template way; for anything else its next attempt fails for good, which tells
 * the agents (and marks the contact unreachable when Meta says the number cannot receive messages).
 * Statuses of messages that are not outbox items (dialogue answers, templates) match nothing.
 */
export const createStatusHandler = (deps: {
  readonly deliveries: WhatsAppDeliveries;
  readonly window: WindowGuard;
  readonly clock: Clock;
  readonly wake: () => void;
}) => {
  return async (status: CloudStatus): Promise<void> => {
    if (status.status !== "failed") {
      await deps.deliveries.advance(status.id, RECEIPT_OF[status.status]);
      return;
    }
    const error = status.error ?? { code: 0, title: "failed without a reason" };
    const now = deps.clock.now();
    const reason = `WhatsApp reported ${error.code}: ${error.title}`;
    if (error.code !== REENGAGEMENT_REQUIRED) {
      const failure = { ...error, unreachable: isUnreachableCode(error.code) };
      if (await deps.deliveries.reopen(status.id, { at: now, failure, reason })) deps.wake();
      return;
    }
    // Held first and released once the window is marked closed, so no attempt sees it still open.
    const held = await deps.deliveries.reopen(status.id, {
      at: new Date(now.getTime() + WINDOW_RECHECK_MS),
      failure: null,
      reason: `${WINDOW_HOLD_REASON} ${reason}`,
    });
    if (!held) return;
    if (held.contactId) await deps.window.markClosed(held.contactId);
    if ((await deps.deliveries.releaseHeld(held.scope, now)) > 0) deps.wake();
  };
};
