import type {
  DeliveryReceipt,
  OutboxItem,
  OutboxState,
  PlatformRefusal,
  Settlement,
} from "../outbox/delivery.js";
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

/** Where an item stands, for the door whose event caused it (an agent's reply in Slack). */
export interface OutboxItemStatus {
  readonly key: string;
  readonly state: OutboxState;
  readonly receipt: DeliveryReceipt | null;
  readonly attempts: number;
}

/** A delivered item the platform later refused, put back in the queue. */
export interface Reopened extends Settlement {
  readonly scope: string;
  /** The contact the item was addressed to, when it was a requester's item. */
  readonly contactId: string | null;
}

/** The outbox as workers and channel adapters use it; several instances share one. */
export interface OutboxQueue {
  /**
   * Claims due items, at most one per scope: PENDING ones whose time came, and HELD ones whose
   * recheck time came. An item waits while an earlier item of its scope is PENDING or HELD (even if
   * that one is retrying later), so each chat or thread keeps its order. Each claimed item's
   * `attempts` already counts this attempt.
   */
  claim(request: ClaimRequest): Promise<OutboxItem[]>;
  /** Records the delivery; null when the item was no longer pending. */
  markDelivered(
    id: string,
    delivery: { readonly platformMessageId: string; readonly at: Date },
  ): Promise<Settlement | null>;
  /** Puts a claimed item back for a later attempt; false when the claim was lost. */
  scheduleRetry(
    id: string,
    workerId: string,
    retry: { readonly availableAt: Date; readonly error: string },
  ): Promise<boolean>;
  /**
   * Parks a claimed item until `releaseHeld` or `recheckAt` (the recipient cannot be written to
   * now); later items of its scope keep waiting behind it. False when the claim was lost.
   */
  hold(
    id: string,
    workerId: string,
    held: { readonly recheckAt: Date; readonly reason: string },
  ): Promise<boolean>;
  /** Ends a claimed item for good; null when the claim was lost. */
  markFailed(id: string, workerId: string, failure: { readonly error: string }): Promise<Settlement | null>;
  /** Gives back every claim this worker still holds (at shutdown); returns how many. */
  release(workerId: string): Promise<number>;
  /** Cancels a pending item no worker has tried yet (an agent's reply withdrawn within its grace period). */
  cancel(key: string): Promise<Settlement | null>;
  /** Changes the text of a pending agent reply no worker has tried yet (edited within its grace period). */
  reviseReply(key: string, body: string | null): Promise<boolean>;
  /** The item of this kind that an event caused, found by the event's source key. */
  findByCause(causeKey: string, kind: string): Promise<OutboxItemStatus | null>;
  /**
   * Records what the platform reported about a delivered message. Only ever moves forward
   * (SENT < FAILED < DELIVERED < READ), so a late "delivered" never turns "read" back.
   */
  recordReceipt(
    channel: Channel,
    platformMessageId: string,
    receipt: DeliveryReceipt,
  ): Promise<Settlement | null>;
  /**
   * Puts a delivered item whose message the platform later refused back in the queue. With a
   * `refusal` its next attempt fails for good with that reason; `held` parks it instead (the
   * recipient must write first). Only the first report reopens it; null when nothing reopened.
   */
  reopenDelivered(
    channel: Channel,
    platformMessageId: string,
    change: {
      readonly at: Date;
      readonly refusal: PlatformRefusal | null;
      readonly reason: string;
      readonly held: boolean;
    },
  ): Promise<Reopened | null>;
  /** Makes the HELD items of a scope due at `at` (the recipient can be written to again); returns how many. */
  releaseHeld(scope: string, at: Date): Promise<number>;
  /** Whether an item of this kind is still to be delivered in the scope (pending or held). */
  hasPending(scope: string, kind: string): Promise<boolean>;
  /** Pending and held items, for the queue-depth gauge. */
  depth(): Promise<number>;
  /**
   * Calls `listener` after every change this process made to an item's state or receipt (delivered,
   * failed, cancelled, held, reopened, a receipt). Listeners must not throw; they run after the change
   * is stored, so a crash in between loses the call, never the change.
   */
  onSettled(listener: (settlement: Settlement) => void): void;
}
