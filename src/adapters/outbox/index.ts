/** What channel adapters and the app use of the delivery pipeline. */
export type { OutboxItem, SendOutcome } from "../../core/outbox/delivery.js";
export { permanentFailure, retryLater, sent } from "../../core/outbox/delivery.js";
export type { ChannelSender } from "../../core/ports/channel-sender.js";
export { type BackoffPolicy, retryDelayMs } from "./backoff.js";
export { deactivatedRecipient } from "./deactivated-recipient.js";
export type { AttemptResult, OutboxMetrics } from "./deliver.js";
export { createFailureHandler, type FailureHandler } from "./failure-handler.js";
export {
  type ChannelRateLimit,
  createMemoryRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimiter,
  type RateLimits,
  WHATSAPP_WEB_RATE_LIMITS,
} from "./rate-limiter.js";
export { createRedisRateLimiter, withFallback } from "./redis-rate-limiter.js";
export { parseRetryAfter } from "./retry-after.js";
export { createSenderRegistry, type SenderRegistry, SenderRegistryError } from "./sender-registry.js";
export { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from "./worker.js";
