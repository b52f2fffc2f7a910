import type { Logger } from "pino";
import type { OutboxItem, SendOutcome } from "../../core/outbox/delivery.js";
import type { Clock } from "../../core/ports/clock.js";
import type { OutboxQueue } from "../../core/ports/outbox-queue.js";
import type { Channel } from "../../core/ticket/channel.js";
import { type BackoffPolicy, retryDelayMs } from "./backoff.js";
import type { FailureHandler } from "./failure-handler.js";
import { type RateLimiter, type RateLimits, rulesFor } from "./rate-limiter.js";
import type { SenderRegistry } from "./sender-registry.js";
import { sleep } from "./sleep.js";

export type AttemptResult = "sent" | "already_delivered" | "retry" | "held" | "failed" | "lost_claim";

/** What the worker reports per attempt; the metrics registry implements it. */
export interface OutboxMetrics {
  attempt(channel: Channel, result: AttemptResult, seconds: number): void;
  depth(pending: number): void;
}

export interface DeliveryDeps {
  readonly queue: OutboxQueue;
  readonly senders: SenderRegistry;
  readonly limiter: RateLimiter;
  readonly rateLimits: RateLimits;
  readonly failures: FailureHandler;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics?: OutboxMetrics;
  readonly workerId: string;
  readonly leaseMs: number;
  readonly sendTimeoutMs: number;
  readonly backoff: BackoffPolicy;
  /** An item still failing this long after it was written is given up as a permanent failure. */
  readonly maxAgeMs: number;
  readonly random?: () => number;
  /**
   * A reason not to send an item at all (its contact was deactivated): the item ends FAILED with
   * that reason, and no delivery failure is recorded on its ticket, since nothing failed.
   */
  readonly skip?: (item: OutboxItem) => Promise<string | null>;
  /** Told when a retry is scheduled, so this worker can be back for it without waiting for a poll. */
  readonly onRetryScheduled?: (availableAt: Date) => void;
}

class SendTimeoutError extends Error {
  override readonly name = "SendTimeoutError";
}

/** Runs `task` with a signal that aborts on timeout or shutdown; a sender that ignores the signal still times out. */
const withDeadline = async <T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
  shutdown: AbortSignal,
): Promise<T> => {
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, shutdown]);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new SendTimeoutError(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([task(signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
};

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Retries a bookkeeping write a few times: a database blip right after a send must not cost a duplicate. */
const persist = async <T>(write: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 4) throw error;
      await sleep(250 * 2 ** attempt);
    }
  }
};

/** One delivery attempt of one claimed item, from rate limit to the row's new state. */
export const createDelivery = (deps: DeliveryDeps) => {
  const random = deps.random ?? Math.random;

  /** Waits for the rate limit; false when the wait would outlast the lease (the item goes back instead). */
  const awaitTurn = async (
    item: OutboxItem,
    destination: string,
    shutdown: AbortSignal,
  ): Promise<boolean> => {
    const rules = rulesFor(deps.rateLimits, item.channel, destination);
    let waited = 0;
    for (;;) {
      const wait = await deps.limiter.take(rules);
      if (wait === 0) return true;
      if (waited + wait > deps.leaseMs / 2 || shutdown.aborted) {
        const availableAt = new Date(deps.clock.now().getTime() + wait);
        await persist(() =>
          deps.queue.scheduleRetry(item.id, deps.workerId, {
            availableAt,
            error: "waiting for the rate limit",
          }),
        );
        deps.onRetryScheduled?.(availableAt);
        return false;
      }
      await sleep(wait, shutdown);
      waited += wait;
    }
  };

  const attempt = async (
    item: OutboxItem,
    shutdown: AbortSignal,
  ): Promise<SendOutcome | "already_delivered" | "requeued"> => {
    const sender = deps.senders.get(item.channel);
    if (!sender) return { kind: "retry", reason: `no sender for ${item.channel} in this instance` };
    try {
      if (item.attempts > 1 && sender.findDelivered) {
        const find = sender.findDelivered.bind(sender);
        const found = await withDeadline((signal) => find(item, signal), deps.sendTimeoutMs, shutdown);
        if (found !== null) {
          await persist(() =>
            deps.queue.markDelivered(item.id, { platformMessageId: found, at: deps.clock.now() }),
          );
          return "already_delivered";
        }
      }
      if (!(await awaitTurn(item, sender.destination?.(item) ?? item.scope, shutdown))) return "requeued";
      return await withDeadline((signal) => sender.send(item, signal), deps.sendTimeoutMs, shutdown);
    } catch (error) {
      // Timeouts and resets may hide a message that did arrive: the next attempt asks the platform first.
      return { kind: "retry", reason: describe(error) };
    }
  };

  const settle = async (item: OutboxItem, outcome: SendOutcome): Promise<AttemptResult> => {
    const now = deps.clock.now();
    if (outcome.kind === "sent") {
      const recorded = await persist(() =>
        deps.queue.markDelivered(item.id, { platformMessageId: outcome.platformMessageId, at: now }),
      );
      return recorded ? "sent" : "lost_claim";
    }
    const tooOld = now.getTime() - item.createdAt.getTime() > deps.maxAgeMs;
    if (outcome.kind === "held" && !tooOld) {
      // Not a failure: the recipient cannot be written to now. Its chat waits behind it until released.
      const recheckAt = new Date(now.getTime() + outcome.recheckAfterMs);
      const kept = await persist(() =>
        deps.queue.hold(item.id, deps.workerId, { recheckAt, reason: outcome.reason }),
      );
      if (kept) deps.onRetryScheduled?.(recheckAt);
      return kept ? "held" : "lost_claim";
    }
    if (outcome.kind === "retry" && !tooOld) {
      const availableAt = new Date(
        now.getTime() + retryDelayMs(item.attempts, deps.backoff, outcome.afterMs, random),
      );
      deps.log.warn(
        {
          itemKey: item.key,
          channel: item.channel,
          attempts: item.attempts,
          retryAt: availableAt,
          reason: outcome.reason,
        },
        "outbox: delivery will be retried",
      );
      const kept = await persist(() =>
        deps.queue.scheduleRetry(item.id, deps.workerId, { availableAt, error: outcome.reason }),
      );
      if (kept) deps.onRetryScheduled?.(availableAt);
      return kept ? "retry" : "lost_claim";
    }
    const reason =
      outcome.kind === "retry" || outcome.kind === "held"
        ? `gave up after ${item.attempts} attempts: ${outcome.reason}`
        : outcome.reason;
    const unreachable = outcome.kind === "permanent" && outcome.unreachable === true;
    deps.log.error(
      { itemKey: item.key, channel: item.channel, ticketId: item.ticketId, reason, unreachable },
      "outbox: delivery failed for good",
    );
    await deps.failures.record(item, reason, unreachable);
    const failed = await persist(() => deps.queue.markFailed(item.id, deps.workerId, { error: reason }));
    return failed ? "failed" : "lost_claim";
  };

  return async (item: OutboxItem, shutdown: AbortSignal): Promise<AttemptResult> => {
    const started = performance.now();
    const skipped = (await deps.skip?.(item)) ?? null;
    if (skipped !== null) {
      deps.log.info(
        { itemKey: item.key, channel: item.channel, ticketId: item.ticketId, reason: skipped },
        "outbox: item not sent",
      );
      const ended = await persist(() => deps.queue.markFailed(item.id, deps.workerId, { error: skipped }));
      deps.metrics?.attempt(
        item.channel,
        ended ? "failed" : "lost_claim",
        (performance.now() - started) / 1000,
      );
      return ended ? "failed" : "lost_claim";
    }
    const outcome = await attempt(item, shutdown);
    const result =
      outcome === "already_delivered"
        ? outcome
        : outcome === "requeued"
          ? "retry"
          : await settle(item, outcome);
    deps.metrics?.attempt(item.channel, result, (performance.now() - started) / 1000);
    return result;
  };
};
