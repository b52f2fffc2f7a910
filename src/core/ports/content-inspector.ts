/** What the bytes of a file really are, decided by content and never by name or declared type. */
export type InspectedContent =
  | { readonly kind: "known"; readonly extension: string; readonly mime: string }
  | { readonly kind: "zip"; readonly entries: number; readonly uncompressedBytes: number }
  | { readonly kind: "corrupt-zip" }
  | { readonly kind: "unknown" };

/** Sniffs magic bytes (and, for archives, reads the central directory without extracting). */
export interface ContentInspector {
  inspect(bytes: Uint8Array): Promise<InspectedContent>;
}
