import { createLogger } from "../adapters/http/logger.js";
import { ConfigError, loadConfig } from "./config/index.js";
import { type RunningService, type ServiceOverrides, startService } from "./service.js";

/**
 * The service as a process: configuration from the environment (exit 2 when it is wrong), a
 * graceful stop on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS, and exit 1 on anything unexpected.
 * Resolves once the service is up.
 */
export const runService = async (overrides: Omit<ServiceOverrides, "logger">): Promise<RunningService> => {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const logger = createLogger(config.LOG_LEVEL);
  let service: RunningService | undefined;

  let firstSignalAt = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    // tsx relays signals to this process and process-group kills deliver them too, so one request can
    // arrive twice at once; a repeat a moment later is an operator insisting, and exits at once.
    if (firstSignalAt > 0) {
      if (Date.now() - firstSignalAt < 1000) return;
      logger.warn({ signal }, "second signal; exiting without finishing");
      process.exit(1);
    }
    firstSignalAt = Date.now();
    logger.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, "shutting down");
    const timer = setTimeout(() => {
      logger.error(
        "shutdown took too long; exiting with work unfinished (claims return when their lease ends)",
      );
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    void (service?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error during shutdown");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception");
    process.exit(1);
  });

  try {
    service = await startService(config, { ...overrides, logger });
  } catch (error) {
    logger.fatal({ err: error }, "service could not start");
    process.exit(1);
  }
  return service;
};
