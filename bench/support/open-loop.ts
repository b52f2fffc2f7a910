import { type ArrivalShape, arrivalGaps } from "./arrival-schedule.js";
import type { Send, Walker } from "./walker.js";

export interface OpenLoopOptions {
  readonly walker: Walker;
  readonly send: Send;
  /** Bot messages answering each step, from a calibration walk. */
  readonly counts: readonly number[];
  readonly ratePerSecond: number;
  readonly shape: ArrivalShape;
  readonly seed: number;
  /** Offered but not measured: long enough for the suppliers in progress to spread over every step. */
  readonly warmupMs: number;
  readonly measureMs: number;
  /** A supplier's least pause between the bot's answer and its next message. */
  readonly thinkMs: number;
  /** Suppliers are numbered from here, so one process can take several runs without two sharing a chat. */
  readonly firstSupplier: number;
  readonly stepTimeoutMs: number;
  /** Offering stops once this many messages wait for an answer: past that, latency only measures the backlog. */
  readonly maxInFlight: number;
}

export interface OpenLoopRun<M> {
  /** Messages whose time fell in the measured window. */
  readonly offered: number;
  readonly windowMs: number;
  /** From each offered message's scheduled time to the first bot message answering it. */
  readonly latencies: number[];
  /** The same, by step of the walk: where the time goes. */
  readonly latenciesByStep: number[][];
  /** Answers that arrived in the window, whenever their message was offered. */
  readonly answered: number;
  /** Offered in the window and refused, or not answered within the step timeout. */
  readonly unanswered: number;
  /** How late the load generator sent each offered message (a busy machine shows here). */
  readonly lag: number[];
  /** Walks whose last step was answered: each opened a ticket. */
  readonly completedWalks: number;
  readonly suppliers: number;
  readonly nextSupplier: number;
  /** Offering stopped early because maxInFlight messages were waiting. */
  readonly overloaded: boolean;
  readonly failures: readonly string[];
  /** What `meter` read over the window. */
  readonly meter: M;
}

interface Sent {
  readonly step: number;
  readonly scheduledAt: number;
  sentAt: number;
  /** When the first answer reached the platform, or the step ended for a step the bot does not answer. */
  doneAt: number | null;
  answered: boolean;
  latency: number | null;
}

const within = (ms: number, work: Promise<void>): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to the webhook in ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * Offers supplier messages on a fixed schedule (open loop): the n-th message is due at its time
 * whatever the service is doing. Each due message goes to the supplier who has waited longest since
 * the bot answered them (and at least `thinkMs`), or, if every supplier in progress still waits for
 * an answer, to a new supplier starting the walk. A slow service therefore meets more suppliers at
 * once, as it would in life, instead of fewer messages. A message's latency runs from its scheduled
 * time, not from when it went out, so a late load generator is counted against the figure rather
 * than hiding a stall. `meter` is started when the measured window opens and read when it closes.
 */
export const runOpenLoop = async <M>(
  options: OpenLoopOptions,
  meter: () => Promise<{ stop(): Promise<M> }>,
): Promise<OpenLoopRun<M>> => {
  const { walker, counts } = options;
  // The fake platforms stamp arrivals with Date.now(); this keeps the schedule on that clock at sub-ms steps.
  const epoch = Date.now() - performance.now();
  const now = () => performance.now() + epoch;
  const gap = arrivalGaps(options.ratePerSecond, options.shape, options.seed);
  const ready: { supplier: number; step: number; at: number }[] = [];
  let readyHead = 0;
  const inFlight = new Set<Promise<void>>();
  const sent: Sent[] = [];
  const failures: string[] = [];
  let nextSupplier = options.firstSupplier;
  let completedWalks = 0;
  let overloaded = false;

  const walkStep = async (supplier: number, step: number, record: Sent) => {
    const before = walker.inbox.count(supplier);
    try {
      const request = walker.request(supplier, step);
      record.sentAt = now();
      await within(options.stepTimeoutMs, options.send(request));
      await walker.inbox.waitFor(supplier, before + counts[step]!, options.stepTimeoutMs);
      record.doneAt = counts[step]! > 0 ? walker.inbox.arrivedAt(supplier, before) : now();
      if (counts[step]! > 0) record.latency = record.doneAt - record.scheduledAt;
      record.answered = true;
      if (step + 1 < walker.steps) ready.push({ supplier, step: step + 1, at: now() });
      else completedWalks++;
    } catch (error) {
      if (failures.length < 5)
        failures.push(`supplier ${supplier} step ${step}: ${(error as Error).message}`);
    }
  };

  const offer = (scheduledAt: number) => {
    const head = ready[readyHead];
    const next =
      head && head.at + options.thinkMs <= scheduledAt
        ? ready[readyHead++]!
        : { supplier: nextSupplier++, step: 0 };
    const record: Sent = {
      step: next.step,
      scheduledAt,
      sentAt: scheduledAt,
      doneAt: null,
      answered: false,
      latency: null,
    };
    sent.push(record);
    const step = walkStep(next.supplier, next.step, record).finally(() => inFlight.delete(step));
    inFlight.add(step);
    if (inFlight.size > options.maxInFlight) overloaded = true;
  };

  const first = now() + 10;
  const windowStart = first + options.warmupMs;
  const windowEnd = windowStart + options.measureMs;
  let due = first;
  let window: { opened: number; meter: Promise<{ stop(): Promise<M> }> } | null = null;
  const closed = await new Promise<{
    opened: number;
    closed: number;
    meter: Promise<{ stop(): Promise<M> }>;
  }>((resolve) => {
    const tick = () => {
      const t = now();
      if (!window && t >= windowStart) window = { opened: t, meter: meter() };
      while (due <= t && due < windowEnd && !overloaded) {
        offer(due);
        due += gap();
      }
      if (window && (t >= windowEnd || overloaded)) {
        resolve({ ...window, closed: Math.min(t, windowEnd) });
        return;
      }
      const wake = window ? Math.min(due, windowEnd) : Math.min(due, windowStart);
      setTimeout(tick, Math.max(0, wake - now()));
    };
    tick();
  });
  const reading = await (await closed.meter).stop();
  await Promise.allSettled([...inFlight]);

  const inWindow = sent.filter((s) => s.scheduledAt >= closed.opened && s.scheduledAt < closed.closed);
  return {
    offered: inWindow.length,
    windowMs: closed.closed - closed.opened,
    latencies: inWindow.flatMap((s) => (s.latency === null ? [] : [s.latency])),
    latenciesByStep: Array.from({ length: walker.steps }, (_, step) =>
      inWindow.flatMap((s) => (s.step === step && s.latency !== null ? [s.latency] : [])),
    ),
    answered: sent.filter((s) => s.doneAt !== null && s.doneAt >= closed.opened && s.doneAt < closed.closed)
      .length,
    unanswered: inWindow.filter((s) => !s.answered).length,
    lag: inWindow.map((s) => s.sentAt - s.scheduledAt),
    completedWalks,
    suppliers: nextSupplier - options.firstSupplier,
    nextSupplier,
    overloaded,
    failures,
    meter: reading,
  };
};
