import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.js";

/**
 * A periodic job. `run` must be safe to call from several instances at once: it decides from
 * stored state and fires each timer with a conditional write, so it fires once across instances
 * and again after a restart only if it never fired. Returns how many timers fired.
 */
export interface TimerJob {
  readonly name: string;
  run(now: Date): Promise<number>;
}

export interface TimerSchedulerOptions {
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly jobs: readonly TimerJob[];
  readonly log: Logger;
  readonly onFired?: (job: string, count: number) => void;
}

/** Runs every job each interval, one tick at a time. */
export interface TimerScheduler {
  /** One pass over every job now (tests drive it with their own clock); how many timers each fired. */
  tick(): Promise<Record<string, number>>;
  start(): void;
  /** Waits for a tick under way, so no timer fires after the database is closed. */
  stop(): Promise<void>;
}

export const createTimerScheduler = (options: TimerSchedulerOptions): TimerScheduler => {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let stopped = true;
  const failing = new Set<string>();

  const tick = async (): Promise<Record<string, number>> => {
    const now = options.clock.now();
    const fired: Record<string, number> = {};
    for (const job of options.jobs) {
      try {
        fired[job.name] = await job.run(now);
        if (failing.delete(job.name)) options.log.info({ job: job.name }, "timers: job runs again");
        if (fired[job.name]! > 0) options.onFired?.(job.name, fired[job.name]!);
      } catch (error) {
        // Logged once per outage: the next tick simply tries again.
        if (!failing.has(job.name))
          options.log.warn({ err: error, job: job.name }, "timers: job failed; retrying next tick");
        failing.add(job.name);
        fired[job.name] = 0;
      }
    }
    return fired;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, options.intervalMs);
  };

  return {
    tick,
    start(): void {
      if (!stopped) return;
      stopped = false;
      current = tick().finally(schedule);
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await current.catch(() => undefined);
    },
  };
};
