/** A ticket changed: what the console's open tables and pages need to refresh. */
export interface TicketChanged {
  readonly number: number;
  readonly organizationId: string;
  readonly requesterPersonId: string;
}

/**
 * Changes made through this instance's ticket service, fanned out to the console's server-sent
 * event streams. Each listener is told only about tickets its session may see (checked by it).
 */
export interface LiveTickets {
  publish(change: TicketChanged): void;
  subscribe(listener: (change: TicketChanged) => void): () => void;
}

export const createLiveTickets = (): LiveTickets => {
  const listeners = new Set<(change: TicketChanged) => void>();
  return {
    publish(change) {
      for (const listener of listeners) listener(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
