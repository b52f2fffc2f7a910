import type { Logger } from "pino";
import type { Telegraf } from "telegraf";
import { sleep } from "../outbox/sleep.js";
import { ALLOWED_UPDATES } from "./update-schema.js";

const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

/**
 * Long polling (TELEGRAM_MODE=polling), for running without a public URL. telegraf's launch removes
 * any webhook and loops on getUpdates; when it stops on an error (network down, a revoked token,
 * another process polling the same bot) it is started again after a growing pause, until `stop`.
 */
export const startPolling = (bot: Telegraf, logger: Logger) => {
  const stopping = new AbortController();
  let retryMs = FIRST_RETRY_MS;

  const run = async () => {
    while (!stopping.signal.aborted) {
      try {
        await bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => {
          logger.info({ bot: bot.botInfo?.username }, "telegram: long polling started");
          retryMs = FIRST_RETRY_MS;
        });
        return;
      } catch (error) {
        if (stopping.signal.aborted) return;
        logger.error({ err: error, retryInMs: retryMs }, "telegram: long polling stopped; starting again");
        await sleep(retryMs, stopping.signal);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
  };
  const running = run();

  return {
    /** Ends the getUpdates loop; updates already taken finish first. */
    async stop(): Promise<void> {
      stopping.abort();
      try {
        bot.stop("service stopping");
      } catch {
        // Not running (between restarts): nothing to stop.
      }
      await running;
    },
  };
};
