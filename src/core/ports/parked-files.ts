/** A file a chat flow received and keeps until its ticket is opened. */
export interface ParkedFileRef {
  readonly storageKey: string;
  readonly size: number;
}

/**
 * The references chat flows hold to files received before a ticket exists. The bytes live in the
 * content-addressed BlobStore, shared with attachments and with other contacts' flows, so bytes go
 * only when their last reference goes and no attachment has them.
 */
export interface ParkedFiles {
  /** Bytes the contact's flows hold now: what the per-contact quota counts. */
  bytesOf(contactId: string): Promise<number>;
  /** Records the contact's references before their bytes are written (recording one again is harmless). */
  park(contactId: string, files: readonly ParkedFileRef[], at: Date): Promise<void>;
  /**
   * Drops the contact's references to `storageKeys` (all of the contact's when omitted) and deletes
   * the bytes nothing references any more. Returns the keys whose bytes were deleted.
   */
  release(contactId: string, storageKeys?: readonly string[]): Promise<string[]>;
  /** Contacts holding references parked at or before `cutoff`, oldest first. */
  idleHolders(cutoff: Date, limit: number): Promise<string[]>;
}
