import type { Logger } from "pino";

/** Runs `work` every `intervalMs` until stopped, one run at a time; a failure is logged once per outage. */
export const createPoller = (
  name: string,
  work: () => Promise<unknown>,
  intervalMs: number,
  logger: Logger,
) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = true;
  let failing = false;

  const tick = async () => {
    try {
      await work();
      if (failing) logger.info({ poller: name }, "slack: poller works again");
      failing = false;
    } catch (error) {
      if (!failing) logger.warn({ err: error, poller: name }, "slack: poller failed; retrying");
      failing = true;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, intervalMs);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
