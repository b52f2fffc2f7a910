/** What the bytes of a file really are, decided by content and never by name or declared type. */
export type InspectedContent =
  | {
      readonly kind: "known";
      readonly extension: string;
      readonly mime: string;
      /**
       * Text written in Windows-1252 / ISO-8859-1 (common on Brazilian Windows machines), re-encoded
       * as UTF-8: these are the bytes to store, so every text attachment is UTF-8.
       */
      readonly utf8?: Uint8Array;
    }
  /**
   * A zip, unpacked as far as the inspector's limits allow: entries and real unpacked bytes over
   * every nesting level, and the deepest archive nesting (1 for a zip with no archive inside).
   * Past a limit, the figure that passed it is over the limit and the others are partial.
   */
  | {
      readonly kind: "zip";
      readonly entries: number;
      readonly uncompressedBytes: number;
      readonly depth: number;
    }
  | { readonly kind: "corrupt-zip" }
  | { readonly kind: "unknown" };

/** Sniffs magic bytes (and, for zips, unpacks them in memory, counting, within its limits). */
export interface ContentInspector {
  inspect(bytes: Uint8Array): Promise<InspectedContent>;
}
