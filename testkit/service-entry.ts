import { createLogger } from "../src/adapters/http/logger.js";
import { runService } from "../src/app/run-service.js";
import { profileOnSignal } from "./profile-on-signal.js";

/**
 * The service as its own process (benchmarks, crash tests), configured by the environment alone: the real
 * channels, no platform rate limit (the platforms are fakes, and their limits would measure the
 * limiter) and no timers (nothing in a run waits on them).
 */
profileOnSignal(process.env.CHAMADO_CPU_PROFILE);
const service = await runService({
  rateLimits: {},
  startTimers: false,
  port: 0,
});
// The line the parent waits for (testkit/spawn-service.ts), whatever LOG_LEVEL keeps the service's own quiet.
createLogger("info").info({ url: service.url, instanceId: service.instanceId }, "service started");
