/**
 * Deletions and tombstones that come with age, each in one short statement over at most `limit`
 * rows that skips rows another transaction holds: a backlog never takes a long lock.
 */
export interface RetentionStore {
  /**
   * Takes the named run for the whole instance set until `until`, if nobody holds it now; true for
   * the one instance that got it. The run is not given back: the next one is due at `until`.
   */
  claimRun(name: string, holder: string, now: Date, until: Date): Promise<boolean>;
  /** Removes attachment rows of tickets closed before `cutoff`; returns their storage keys. */
  closedTicketFiles(cutoff: Date, limit: number): Promise<string[]>;
  /**
   * Replaces the text of messages and rating comments of tickets closed before `cutoff` with a
   * tombstone (and rebuilds their search words); returns how many messages.
   */
  closedTicketText(cutoff: Date, limit: number, tombstone: string): Promise<number>;
  /** Deletes records of conversations abandoned before `cutoff`. */
  abandonedFlows(cutoff: Date, limit: number): Promise<number>;
  /** Deletes outbox items delivered, failed or cancelled before `cutoff` (by when they were written). */
  settledOutbox(cutoff: Date, limit: number): Promise<number>;
}
