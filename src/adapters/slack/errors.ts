import { webApi } from "@slack/bolt";
import { permanentFailure, retryLater, type SendOutcome } from "../../core/outbox/delivery.js";

/** The recipient is gone: no point writing to them again. */
const UNREACHABLE = new Set([
  "user_not_found",
  "account_inactive",
  "cannot_dm_bot",
  "user_disabled",
  "is_archived",
]);
/** The message itself is wrong: sending it again fails the same way. */
const INVALID = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "no_text",
  "invalid_arguments",
  "too_many_attachments",
]);

const platformError = (error: unknown): string | null =>
  error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : null;

/** The Slack error code of a failed Web API call ("channel_not_found"), or null for other failures. */
export const slackErrorCode = (error: unknown): string | null => platformError(error);

export const describeSlackError = (error: unknown): string => {
  if (error instanceof webApi.WebAPIPlatformError) return `slack: ${error.data.error}`;
  if (error instanceof webApi.WebAPIRateLimitedError) return `slack: rate limited for ${error.retryAfter} s`;
  if (error instanceof webApi.WebAPIHTTPError) return `slack: HTTP ${error.statusCode}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
};

/**
 * What a failed send means for the outbox. 429 waits for Retry-After; a gone recipient is permanent
 * and unreachable; a malformed message is permanent. Everything else is retried, including the
 * errors an operator fixes (bot not in the channel, revoked token): the item then goes out once
 * fixed, or is given up at the outbox's maximum age.
 */
export const sendOutcomeOf = (error: unknown, toRequester: boolean): SendOutcome => {
  if (error instanceof webApi.WebAPIRateLimitedError)
    return retryLater("slack: 429 rate limited", error.retryAfter * 1000);
  const code = platformError(error);
  if (code && toRequester && UNREACHABLE.has(code)) return permanentFailure(`slack: ${code}`, true);
  if (code && INVALID.has(code)) return permanentFailure(`slack: ${code}`);
  if (error instanceof webApi.WebAPIHTTPError && error.statusCode < 500)
    return permanentFailure(describeSlackError(error));
  return retryLater(describeSlackError(error));
};
