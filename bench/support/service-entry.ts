import { createLogger } from "../../src/adapters/http/logger.js";
import { channelFactories } from "../../src/app/channels.js";
import { ConfigError, loadConfig } from "../../src/app/config/index.js";
import { type RunningService, startService } from "../../src/app/service.js";

/**
 * The service as its own process for the benchmarks, configured by the environment alone: the real
 * startService and channel factories (Telegram, WhatsApp, Slack), no platform rate limit (the
 * platforms are fakes, and their limits would measure the limiter) and no timers (nothing in a run
 * waits on them). Stops gracefully on SIGTERM or SIGINT like src/app/main.ts.
 */
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
let stopping = false;
const shutdown = () => {
  // tsx relays signals and a group kill delivers them too: one request may arrive twice.
  if (stopping) return;
  stopping = true;
  const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS);
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

try {
  service = await startService(config, {
    logger,
    channels: channelFactories,
    rateLimits: {},
    startTimers: false,
    port: 0,
  });
} catch (error) {
  logger.fatal({ err: error }, "service could not start");
  process.exit(1);
}
// The line the parent waits for (test/support/spawn-service.ts), whatever LOG_LEVEL keeps the service's own quiet.
createLogger("info").info({ url: service.url, instanceId: service.instanceId }, "service started");
