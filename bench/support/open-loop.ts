import type { Send, Walker } from "../../testkit/walk/walker.js";
import { type ArrivalShape, arrivalGaps } from "./arrival-schedule.js";

export interface OpenLoopOptions {
  readonly walker: Walker;
  readonly send: Send;
  /** Bot messages answering each step, from a calibration walk. */
  readonly counts: readonly number[];
  /** Messages offered per second on average: suppliers arrive at this rate divided by the walk's steps. */
  readonly ratePerSecond: number;
  /** How supplier arrivals are spaced. */
  readonly shape: ArrivalShape;
  readonly seed: number;
  /**
   * Offered but not measured: long enough for the suppliers in progress to spread over every step.
   * The window also waits for the first walk to end, since until then the late steps are missing.
   */
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Mean pause (exponential) between the bot's answer and the supplier's next message. */
  readonly thinkMs: number;
  /** Suppliers are numbered from here, so one process can take several runs without two sharing a chat. */
  readonly firstSupplier: number;
  readonly stepTimeoutMs: number;
  /**
   * Once the window is open, offering stops when a message has waited this long for its answer: the
   * target is not keeping up, and from then on latency would only measure the growing backlog.
   */
  readonly maxWaitMs: number;
  /** The window opens by then even if no walk has ended yet (a target far behind). */
  readonly maxWarmupMs: number;
}

export interface OpenLoopRun<M> {
  /** Messages due in the measured window. */
  readonly offered: number;
  readonly windowMs: number;
  /** From each offered message's due time to the first bot message answering it. */
  readonly latencies: number[];
  /** The same, by step of the walk: where the time goes. */
  readonly latenciesByStep: number[][];
  /** Answers that arrived in the window, whenever their message was due. */
  readonly answered: number;
  /** Due in the window and refused, or not answered within the step timeout. */
  readonly unanswered: number;
  /** How late the load generator sent each offered message (a busy machine shows here). */
  readonly lag: number[];
  /** Walks whose last step was answered: each opened a ticket. */
  readonly completedWalks: number;
  readonly suppliers: number;
  readonly nextSupplier: number;
  /** Offering stopped early: a message waited maxWaitMs for its answer. */
  readonly overloaded: boolean;
  readonly failures: readonly string[];
  /** What `meter` read over the window. */
  readonly meter: M;
}

interface Sent {
  readonly step: number;
  readonly dueAt: number;
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
 * Offers supplier messages open loop, by conversation: suppliers arrive on a seeded schedule whatever
 * the service is doing, and each walks the whole flow, sending its next message a random pause after
 * the bot's answer arrived. A slow service therefore meets more suppliers at once, as it would in
 * life, while the messages offered per second stay the same; a closed loop would instead send fewer.
 * A message's latency runs from when it was due, not from when it went out, so a late load generator
 * counts against the figure rather than hiding a stall. `meter` is started when the measured window
 * opens and read when it closes.
 */
export const runOpenLoop = async <M>(
  options: OpenLoopOptions,
  meter: () => Promise<{ stop(): Promise<M> }>,
): Promise<OpenLoopRun<M>> => {
  const { walker, counts } = options;
  // The fake platforms stamp arrivals with Date.now(); this keeps the schedule on that clock at sub-ms steps.
  const epoch = Date.now() - performance.now();
  const now = () => performance.now() + epoch;
  const arrivals = arrivalGaps(options.ratePerSecond / walker.steps, options.shape, options.seed);
  const sent: Sent[] = [];
  const walks: Promise<void>[] = [];
  const failures: string[] = [];
  const waiting = new Set<Sent>();
  let nextSupplier = options.firstSupplier;
  let completedWalks = 0;
  let overloaded = false;
  /** Messages due from here on are not sent: the window has closed. */
  let stopAt = Number.POSITIVE_INFINITY;

  const step = async (supplier: number, index: number, record: Sent): Promise<boolean> => {
    const before = walker.inbox.count(supplier);
    waiting.add(record);
    try {
      const request = walker.request(supplier, index);
      record.sentAt = now();
      await within(options.stepTimeoutMs, options.send(request));
      await walker.inbox.waitFor(supplier, before + counts[index]!, options.stepTimeoutMs);
      record.doneAt = counts[index]! > 0 ? walker.inbox.arrivedAt(supplier, before) : now();
      if (counts[index]! > 0) record.latency = record.doneAt - record.dueAt;
      record.answered = true;
      return true;
    } catch (error) {
      if (failures.length < 5)
        failures.push(`supplier ${supplier} step ${index}: ${(error as Error).message}`);
      return false;
    } finally {
      waiting.delete(record);
    }
  };

  const walk = async (supplier: number, arrivedAt: number) => {
    // Its own seeded pauses, so a supplier thinks the same in every run whatever order answers come in.
    const think = arrivalGaps(1000 / options.thinkMs, "poisson", options.seed * 1_000_003 + supplier);
    let dueAt = arrivedAt;
    for (let index = 0; index < walker.steps; index++) {
      const wait = dueAt - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (dueAt >= stopAt) return;
      const record: Sent = {
        step: index,
        dueAt,
        sentAt: dueAt,
        doneAt: null,
        answered: false,
        latency: null,
      };
      sent.push(record);
      if (!(await step(supplier, index, record))) return;
      dueAt = now() + think();
    }
    completedWalks++;
  };

  const first = now() + 10;
  const warmedUp = first + options.warmupMs;
  const giveUp = first + options.maxWarmupMs;
  let due = first;
  type Window = { opened: number; closes: number; meter: Promise<{ stop(): Promise<M> }> };
  let window: Window | null = null;
  const closed = await new Promise<Window & { closed: number }>((resolve) => {
    const tick = () => {
      const t = now();
      // The step mix is steady only once a whole walk has fitted in: a slow target takes longer to get there.
      if (!window && ((t >= warmedUp && completedWalks > 0) || t >= giveUp))
        window = { opened: t, closes: t + options.measureMs, meter: meter() };
      // Insertion order is send order, so the first one waiting is the oldest.
      const oldest = waiting.values().next().value;
      if (window && oldest && t - oldest.dueAt > options.maxWaitMs) overloaded = true;
      while (due <= t && (!window || due < window.closes) && !overloaded) {
        walks.push(walk(nextSupplier++, due));
        due += arrivals();
      }
      if (window && (t >= window.closes || overloaded)) {
        const end = Math.min(t, window.closes);
        stopAt = end;
        resolve({ ...window, closed: end });
        return;
      }
      setTimeout(tick, Math.max(0, (window ? Math.min(due, window.closes) : due) - now()));
    };
    tick();
  });
  const reading = await (await closed.meter).stop();
  await Promise.all(walks);

  const inWindow = sent.filter((s) => s.dueAt >= closed.opened && s.dueAt < closed.closed);
  return {
    offered: inWindow.length,
    windowMs: closed.closed - closed.opened,
    latencies: inWindow.flatMap((s) => (s.latency === null ? [] : [s.latency])),
    latenciesByStep: Array.from({ length: walker.steps }, (_, index) =>
      inWindow.flatMap((s) => (s.step === index && s.latency !== null ? [s.latency] : [])),
    ),
    answered: sent.filter((s) => s.doneAt !== null && s.doneAt >= closed.opened && s.doneAt < closed.closed)
      .length,
    unanswered: inWindow.filter((s) => !s.answered).length,
    lag: inWindow.map((s) => s.sentAt - s.dueAt),
    completedWalks,
    suppliers: nextSupplier - options.firstSupplier,
    nextSupplier,
    overloaded,
    failures,
    meter: reading,
  };
};
