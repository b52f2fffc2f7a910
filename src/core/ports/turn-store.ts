/**
 * One contact's conversation, one turn at a time. A turn takes the contact's lock (in arrival order,
 * across instances), learns whether its message was handled already and reads the session, all at
 * once; it ends by writing the session and marking the message handled, at once, and only if it
 * still holds the lock (a turn that lost it, e.g. its process stalled past the lock's TTL and
 * another took over, writes nothing). So one contact's messages are applied one at a time and each
 * once, and a turn that fails or dies before committing leaves nothing half-written.
 *
 * The store keeps opaque strings: the core serializes, versions and parses them.
 */
export interface TurnStore {
  /**
   * Waits for the contact's turn. "done": the message was handled already (a redelivery); the lock
   * is not kept. Throws ContactLockTimeoutError when the turn does not come within the wait.
   */
  begin(terms: TurnTerms): Promise<TurnStart>;
  /** Contacts whose last activity is at or before `cutoff`, oldest first. */
  listIdle(cutoff: Date, limit: number): Promise<string[]>;
  /**
   * Removes the session when its last activity is at or before `cutoff` and returns its summary.
   * Atomic: of several callers (instances, the sweeper and a new message) exactly one gets it.
   */
  claimIdle(contactId: string, cutoff: Date): Promise<string | null>;
  /**
   * Erasure: removes the contact's session, summary and queued-answers mark, and every handled-message
   * mark their turns left (so no message id of theirs stays behind). Messages they send later start fresh.
   */
  forget(contactId: string): Promise<void>;
}

export interface TurnTerms {
  /** Who the lock is for: one per person and channel ("TELEGRAM:12345"). */
  readonly lockKey: string;
  /** Whose session the turn reads and writes. */
  readonly contactId: string;
  /** The message the turn answers ("TELEGRAM:987"), or null for a turn no message started. */
  readonly messageKey: string | null;
  /** How long a handled message is remembered, so its redeliveries are dropped. */
  readonly rememberMs: number;
}

export type TurnStart = { readonly kind: "done" } | ({ readonly kind: "open" } & OpenTurn);

export interface OpenTurn {
  /** The session as stored, or null; its state expires after the idle timeout, its summary does not. */
  readonly session: StoredSession | null;
  /** An earlier answer to this contact is still waiting in the outbox: later ones go behind it. */
  readonly answersQueued: boolean;
  /**
   * Writes the session (null deletes it), marks the message handled and releases the lock, all or
   * nothing, only while this turn holds the lock. False when the lock was lost: nothing was written.
   */
  commit(session: SessionEntry | null, answers: { readonly queued: boolean }): Promise<boolean>;
  /** Releases the lock and writes nothing: the message counts as not handled. */
  abort(): Promise<void>;
}

export interface StoredSession {
  /** Null when the state expired (idle) but its summary is still kept for the sweeper. */
  readonly state: string | null;
  readonly summary: string | null;
  readonly lastActivityAt: Date | null;
}

export interface SessionEntry {
  readonly state: string;
  /** Small enough to keep beyond the state's TTL: what an expiry needs to record and announce. */
  readonly summary: string;
  readonly lastActivityAt: Date;
}

/** The turn did not come in time (another holder is stuck or the store is unreachable). */
export class ContactLockTimeoutError extends Error {
  override readonly name = "ContactLockTimeoutError";
  constructor(readonly key: string) {
    super(`timed out waiting for the conversation lock of ${key}`);
  }
}
