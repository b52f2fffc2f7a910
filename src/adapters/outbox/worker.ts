import type { Channel } from "../../core/ticket/channel.js";
import { type AttemptResult, createDelivery, type DeliveryDeps } from "./deliver.js";
import { sleep } from "./sleep.js";

export interface OutboxWorkerOptions extends DeliveryDeps {
  /** How often to look for due items when nothing woke the worker. */
  readonly pollIntervalMs: number;
  /** Items claimed at once, per channel. */
  readonly batchSize: number;
}

const DEPTH_EVERY_MS = 5000;
const MAX_ERROR_PAUSE_MS = 30_000;
/** setTimeout may fire up to a millisecond before Date.now() reaches its time. */
const TIMER_SLACK_MS = 2;

/**
 * Claims due items and delivers them, a batch at a time (one item per scope per batch, so the
 * batch runs in parallel without reordering a chat), in one lane per channel: a platform that hangs
 * or crawls holds up only its own items. Polls, and also wakes at once when this process writes new
 * items. Survives the database going away: it pauses, and resumes when the database answers again.
 */
export interface OutboxWorker {
  start(): void;
  /** Asks for a claim now rather than at the next poll (new items were just written). */
  wake(): void;
  /** One claim-and-deliver round over every channel, for tests that drive the worker by hand. */
  runOnce(): Promise<AttemptResult[]>;
  /**
   * Stops claiming, lets deliveries under way finish (aborting them after `abortAfterMs`), then
   * gives back any claim still held so another instance can take it at once.
   */
  stop(abortAfterMs?: number): Promise<void>;
}

interface Lane {
  runOnce(): Promise<AttemptResult[]>;
  run(): Promise<void>;
  wake(): void;
}

export const createOutboxWorker = (options: OutboxWorkerOptions): OutboxWorker => {
  const { queue, log, workerId } = options;
  const shutdown = new AbortController();
  let running = false;
  let lastDepthAt = 0;

  const reportDepth = async () => {
    if (!options.metrics || Date.now() - lastDepthAt < DEPTH_EVERY_MS) return;
    lastDepthAt = Date.now();
    options.metrics.depth(await queue.depth());
  };

  let lanes: Lane[] = [];
  // A recorded failure writes an alert for the agents, usually on another channel's lane.
  const failuresWakingAll: DeliveryDeps["failures"] = {
    async record(item, reason, unreachable) {
      await options.failures.record(item, reason, unreachable);
      for (const l of lanes) l.wake();
    },
  };

  const lane = (channels: () => readonly Channel[]): Lane => {
    /** When retries this lane scheduled fall due; every one is kept until a claim round could take it. */
    let retryTimes: number[] = [];
    /** The `now` of the latest claim: items due after it could not have been claimed yet. */
    let lastClaimAt = Number.NEGATIVE_INFINITY;
    let wakeUp: (() => void) | undefined;
    let woken = false;
    const deliver = createDelivery({
      ...options,
      failures: failuresWakingAll,
      onRetryScheduled: (at) => {
        retryTimes.push(at.getTime());
        options.onRetryScheduled?.(at);
      },
    });

    const runOnce = async (): Promise<AttemptResult[]> => {
      const now = options.clock.now();
      lastClaimAt = now.getTime();
      const items = await queue.claim({
        workerId,
        channels: channels(),
        limit: options.batchSize,
        leaseMs: options.leaseMs,
        now,
      });
      // Every delivery of the batch settles before this returns, so stop() never leaves one running.
      const settled = await Promise.allSettled(items.map((item) => deliver(item, shutdown.signal)));
      const failure = settled.find((r) => r.status === "rejected");
      if (failure) throw failure.reason;
      return settled.map((r) => (r as PromiseFulfilledResult<AttemptResult>).value);
    };

    const idle = (ms: number) =>
      new Promise<void>((resolve) => {
        if (woken || !running) return resolve();
        const timer = setTimeout(finish, ms);
        function finish() {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = finish;
      });

    const run = async () => {
      let failures = 0;
      while (running) {
        woken = false;
        try {
          const results = await runOnce();
          await reportDepth();
          if (failures > 0) log.info({ workerId }, "outbox: storage reachable again, delivering");
          failures = 0;
          // A full batch means more is probably due, and a finished item may have unblocked the next of
          // its chat: either way, go on without waiting.
          if (
            results.length >= options.batchSize ||
            results.some((r) => r !== "retry" && r !== "held" && r !== "lost_claim")
          )
            continue;
          // Back for the earliest retry this lane scheduled, if that comes before the next poll. Only
          // retries the last claim could already take are forgotten: a timer may fire a moment early,
          // and a later retry must not wait for the poll because an earlier one was served first.
          retryTimes = retryTimes.filter((at) => at > lastClaimAt);
          const untilRetry =
            retryTimes.length === 0
              ? Number.POSITIVE_INFINITY
              : Math.min(...retryTimes) - options.clock.now().getTime() + TIMER_SLACK_MS;
          await idle(Math.max(0, Math.min(options.pollIntervalMs, untilRetry)));
        } catch (error) {
          failures += 1;
          if (failures === 1)
            log.warn({ err: error, workerId }, "outbox: cannot reach storage, pausing deliveries");
          await sleep(
            Math.min(MAX_ERROR_PAUSE_MS, options.pollIntervalMs * 2 ** Math.min(failures, 10)),
            shutdown.signal,
          );
        }
      }
    };

    return {
      runOnce,
      run,
      wake() {
        woken = true;
        wakeUp?.();
      },
    };
  };

  const everyChannel = lane(() => options.senders.channels());
  let loops: Promise<void>[] = [];

  return {
    start(): void {
      if (running) return;
      running = true;
      lanes = options.senders.channels().map((channel) => lane(() => [channel]));
      loops = lanes.map((l) => l.run());
    },
    wake(): void {
      for (const l of lanes) l.wake();
    },
    runOnce: () => everyChannel.runOnce(),
    async stop(abortAfterMs = options.sendTimeoutMs): Promise<void> {
      if (!running) return;
      running = false;
      for (const l of lanes) l.wake();
      const timer = setTimeout(() => shutdown.abort(), abortAfterMs);
      await Promise.all(loops);
      clearTimeout(timer);
      shutdown.abort();
      const released = await queue.release(workerId).catch((error: unknown) => {
        log.warn(
          { err: error, workerId },
          "outbox: could not release claims; they return when their lease ends",
        );
        return 0;
      });
      if (released > 0) log.info({ workerId, released }, "outbox: released claims");
    },
  };
};
