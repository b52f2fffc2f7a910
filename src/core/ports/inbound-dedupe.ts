/**
 * Remembers platform message ids for a short while, so a redelivered message is processed once.
 * Anything that creates a ticket, message or attachment also carries the id as a unique database key;
 * this window only spares the conversation from answering twice.
 */
export interface InboundDedupe {
  /** True for the first claim of a key within the window; false for a redelivery. */
  claim(key: string): Promise<boolean>;
  /** Forgets a claim whose processing failed, so the platform's redelivery is processed. */
  release(key: string): Promise<void>;
}
