import { calibrate, type Send, type Walker, type WebhookRequest } from "../../testkit/walk/walker.js";
import { runPool } from "../stats.js";

/** One supplier's walk as the load generator saw it. */
export interface WalkRecord {
  readonly walker: Walker;
  readonly index: number;
  /** Ids of the requests sent (a redelivery reuses its id, so each appears once). */
  readonly sent: string[];
  /** Where and why the walk stopped before its end (the request waited on, if it was sent), or null. */
  stalled: { step: number; request: WebhookRequest | null; reason: string } | null;
}

export interface CrowdWalk {
  /** Every walk: each channel's calibration supplier (index 0) first, then the crowd. */
  readonly walks: WalkRecord[];
  /** From the first request of the crowd to its last answer (a stalled wait is no work). */
  readonly ms: number;
  /** From each request to the first bot message answering it. */
  readonly latencies: number[];
  /** Bot messages per step, per channel, from its calibration walk. */
  readonly expected: ReadonlyMap<Walker, readonly number[]>;
  /** Requests the crowd sent (calibration left out). */
  readonly messages: number;
}

export interface CrowdOptions {
  readonly walkers: readonly Walker[];
  readonly send: Send;
  /** Suppliers in the crowd, dealt to the walkers in turn and numbered from 1 in each. */
  readonly suppliers: number;
  /** Suppliers walking at once. */
  readonly concurrency: number;
  /** Each walker's crowd is numbered from here (default 1), so a later crowd meets no earlier chat. */
  readonly firstIndex?: number;
  /** Bot messages per step for walkers already calibrated; the others walk supplier 0 first. */
  readonly calibrated?: ReadonlyMap<Walker, readonly number[]>;
  /** How long a supplier waits for an answer before its walk is recorded as stalled. */
  readonly stepTimeoutMs: number;
  readonly calibration: { readonly timeoutMs: number; readonly quietMs: number };
  /** Called after every step, answered or not. */
  readonly onStep?: (done: number, total: number, elapsedMs: number) => void;
  readonly progress?: (line: string) => void;
}

/**
 * Walks supplier 0 of each channel not yet calibrated alone to learn how many bot messages answer each step, then a
 * crowd of suppliers side by side; a supplier whose answer does not come stops there, and the
 * others go on.
 */
export const walkCrowd = async (options: CrowdOptions): Promise<CrowdWalk> => {
  const { walkers, send } = options;
  const expected = new Map<Walker, number[]>();
  const walks: WalkRecord[] = [];
  for (const walker of walkers) {
    const known = options.calibrated?.get(walker);
    if (known) {
      expected.set(walker, [...known]);
      continue;
    }
    const record: WalkRecord = { walker, index: 0, sent: [], stalled: null };
    const recorded: Send = (request) => {
      record.sent.push(request.id);
      return send(request);
    };
    expected.set(walker, await calibrate(walker, recorded, 0, options.calibration));
    walks.push(record);
    options.progress?.(`${walker.channel}: bot messages per step ${expected.get(walker)!.join(",")}`);
  }
  const crowd: WalkRecord[] = Array.from({ length: options.suppliers }, (_, k) => ({
    walker: walkers[k % walkers.length]!,
    index: Math.floor(k / walkers.length) + (options.firstIndex ?? 1),
    sent: [],
    stalled: null,
  }));
  walks.push(...crowd);
  const total = crowd.reduce((n, w) => n + w.walker.steps, 0);
  const latencies: number[] = [];
  let done = 0;
  let lastAnsweredMs = 0;
  const start = performance.now();
  await runPool(crowd.length, options.concurrency, async (k) => {
    const walk = crowd[k]!;
    const { walker, index } = walk;
    const counts = expected.get(walker)!;
    for (let step = 0; step < walker.steps; step++) {
      const before = walker.inbox.count(index);
      let request: WebhookRequest | null = null;
      try {
        request = walker.request(index, step);
        walk.sent.push(request.id);
        const sentAt = Date.now();
        await send(request);
        await walker.inbox.waitFor(index, before + counts[step]!, options.stepTimeoutMs);
        if (counts[step]! > 0) latencies.push(walker.inbox.arrivedAt(index, before) - sentAt);
        lastAnsweredMs = performance.now() - start;
      } catch (error) {
        walk.stalled = { step, request, reason: error instanceof Error ? error.message : String(error) };
        return;
      } finally {
        options.onStep?.(++done, total, performance.now() - start);
      }
    }
  });
  const messages = crowd.reduce((n, w) => n + w.sent.length, 0);
  return { walks, ms: lastAnsweredMs, latencies, expected, messages };
};
