import type { OutboxItem } from "../outbox/delivery.js";
import type { Channel } from "../ticket/channel.js";

export interface ClaimRequest {
  readonly workerId: string;
  /** Only items of channels that have a sender here. */
  readonly channels: readonly Channel[];
  readonly limit: number;
  /** A claim not completed within the lease (a crashed worker) becomes claimable again. */
  readonly leaseMs: number;
  readonly now: Date;
}

/** The outbox as workers and channel adapters use it; several instances share one. */
export interface OutboxQueue {
  /**
   * Claims due PENDING items, at most one per scope: an item waits while an earlier item of its
   * scope is pending (even if that one is retrying later), so each chat or thread keeps its order.
   * Each claimed item's `attempts` already counts this attempt.
   */
  claim(request: ClaimRequest): Promise<OutboxItem[]>;
  /** Records the delivery; false when the item was no longer pending. */
  markDelivered(
    id: string,
    delivery: { readonly platformMessageId: string; readonly at: Date },
  ): Promise<boolean>;
  /** Puts a claimed item back for a later attempt; false when the claim was lost. */
  scheduleRetry(
    id: string,
    workerId: string,
    retry: { readonly availableAt: Date; readonly error: string },
  ): Promise<boolean>;
  /** Ends a claimed item for good; false when the claim was lost. */
  markFailed(id: string, workerId: string, failure: { readonly error: string }): Promise<boolean>;
  /** Gives back every claim this worker still holds (at shutdown); returns how many. */
  release(workerId: string): Promise<number>;
  /** Cancels a pending item no worker has tried yet (an agent's reply withdrawn within its grace period). */
  cancel(key: string): Promise<boolean>;
  /** Changes a pending item no worker has tried yet (an edited reply, a different send time). */
  updatePending(
    key: string,
    change: { readonly payload?: Readonly<Record<string, unknown>>; readonly availableAt?: Date },
  ): Promise<boolean>;
  /** Pending items, for the queue-depth gauge. */
  depth(): Promise<number>;
}
