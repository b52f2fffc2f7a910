import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "pino";
import type { SlackThreadStore } from "../storage/prisma/slack-threads.js";

export const EVENT_CLAIM_PREFIX = "slack:event:";

/**
 * Each Events API event is handled once across instances: the first delivery claims its event_id
 * in the database; Slack's retries (X-Slack-Retry-Num) and copies on other instances find the claim
 * and stop. A failed handling gives the claim back, so Slack's next retry is handled.
 */
export const dedupeEvents =
  (store: Pick<SlackThreadStore, "claim" | "release">, logger: Logger): Middleware<AnyMiddlewareArgs> =>
  async ({ body, next, context }) => {
    const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
    if (type !== "event_callback" || typeof eventId !== "string") return next();
    const key = `${EVENT_CLAIM_PREFIX}${eventId}`;
    if (!(await store.claim(key))) {
      logger.info({ eventId, retryNum: context.retryNum }, "slack: event already handled; skipped");
      return;
    }
    try {
      await next();
    } catch (error) {
      await store.release(key).catch(() => undefined);
      throw error;
    }
  };
