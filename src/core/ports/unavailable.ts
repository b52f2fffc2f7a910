/**
 * A store or service the core depends on cannot be reached right now (refused, dropped, timed out).
 * Not the person's fault and nothing to apologize for in chat: the work is given back whole, and the
 * platform's redelivery does it once the dependency is back. Adapters that know the client library
 * turn its connection errors into this; the HTTP edge answers it 503 with Retry-After.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = "DependencyUnavailableError";
  constructor(
    readonly dependency: string,
    options: { readonly cause: unknown },
  ) {
    super(`${dependency} is unreachable`, options);
  }
}

/**
 * A turn lost the contact's lock before it could write (its process stalled past the lock's TTL and
 * another turn took over): nothing of it was stored, and the message is to be delivered again.
 */
export class TurnLostError extends Error {
  override readonly name = "TurnLostError";
  constructor(readonly key: string) {
    super(`the conversation lock of ${key} was lost before the turn could be saved`);
  }
}
