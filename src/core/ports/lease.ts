/**
 * One holder at a time across instances for something only one may drive (a linked WhatsApp phone),
 * renewed while held and given to a standby when the holder stops renewing.
 */
export interface Lease {
  /** Takes the lease when it is free (or already ours); true while this instance holds it. */
  tryAcquire(): Promise<boolean>;
  /** Extends the lease; false when it was lost (it expired and another instance took it). */
  renew(): Promise<boolean>;
  /** Gives the lease up at once, so a standby does not wait for the expiry. */
  release(): Promise<void>;
}

/** Makes leases by name; shared storage (Redis) across instances, or this process alone. */
export interface Leases {
  lease(name: string, options: { readonly owner: string; readonly ttlMs: number }): Lease;
}
