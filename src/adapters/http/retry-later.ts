/**
 * The event cannot be handled right now but will be later (another instance holds it): answered
 * 503 with Retry-After, so the platform delivers it again, and never logged as a failure.
 */
export class RetryLaterError extends Error {
  override readonly name: string = "RetryLaterError";
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}
