import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.js";
import type { InboundReceipts } from "../../core/ports/inbound-receipts.js";
import { RetryLaterError } from "../http/retry-later.js";

/** Slack retries an event for about an hour; its claims are kept for days, then pruned. */
const KEEP_MS = 7 * 24 * 60 * 60_000;

/**
 * How long one instance may work on an event before a retry takes it over. Slack retries at once,
 * then after a minute and after five: a holder that died is taken over by the one-minute retry.
 */
export const EVENT_LEASE_MS = 30_000;

/** Another instance is working on this event: answered 503, so Slack delivers it again. */
export class EventBusyError extends RetryLaterError {
  override readonly name = "EventBusyError";
  constructor(eventId: string) {
    super(`slack event ${eventId} is being handled by another instance`);
  }
}

/**
 * Each Events API event is handled once across instances: the first delivery claims its event_id
 * with a lease; Slack's retries and copies on other instances find it done and stop, or busy while
 * its holder works on it. A failed handling gives the claim back, and a holder that died (SIGKILL)
 * loses it when the lease runs out, so Slack's next retry is handled.
 */
export const dedupeEvents =
  (receipts: InboundReceipts, clock: Clock, logger: Logger): Middleware<AnyMiddlewareArgs> =>
  async ({ body, next, context }) => {
    const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
    if (type !== "event_callback" || typeof eventId !== "string") return next();
    const key = `slack:event:${eventId}`;
    const claim = await receipts.claim(key, clock.now(), { leaseMs: EVENT_LEASE_MS, keepMs: KEEP_MS });
    if (claim === "done") {
      logger.info({ eventId, retryNum: context.retryNum }, "slack: event already handled; skipped");
      return;
    }
    if (claim === "busy") throw new EventBusyError(eventId);
    try {
      await next();
    } catch (error) {
      await receipts.release(key).catch(() => undefined);
      throw error;
    }
    await receipts.finish(key, clock.now());
  };
