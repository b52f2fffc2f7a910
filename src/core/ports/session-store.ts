/**
 * Conversation state between messages, one session per contact. The store keeps opaque strings: the
 * core serializes, versions and parses them, so a store never needs to know the state's shape.
 *
 * The state itself lives for the idle timeout only (a TTL where the store has one). The summary and
 * the last-activity index live until the session is deleted or claimed, so the idle sweeper can still
 * record and announce a flow whose state already expired.
 */
export interface SessionStore {
  load(contactId: string): Promise<string | null>;
  save(contactId: string, entry: SessionEntry): Promise<void>;
  /** The flow finished: forgets the state, its summary and its index entry. */
  delete(contactId: string): Promise<void>;
  /** Contacts whose last activity is at or before `cutoff`, oldest first. */
  listIdle(cutoff: Date, limit: number): Promise<string[]>;
  /**
   * Removes the session when its last activity is at or before `cutoff` and returns its summary.
   * Atomic: of several callers (instances, the sweeper and a new message) exactly one gets it.
   */
  claimIdle(contactId: string, cutoff: Date): Promise<string | null>;
}

export interface SessionEntry {
  readonly state: string;
  /** Small enough to keep beyond the state's TTL: what an expiry needs to record and announce. */
  readonly summary: string;
  readonly lastActivityAt: Date;
}
