export interface AttachmentRules {
  readonly maxFiles: number;
  readonly maxBytes: number;
  /** Extensions decided from content (magic bytes), e.g. png, jpg, pdf, zip, txt. */
  readonly allowedTypes: readonly string[];
  readonly zipMaxEntries: number;
  readonly zipMaxUncompressedBytes: number;
  /** Archive nesting allowed: 1 refuses any archive inside a zip, 2 allows one level, and so on. */
  readonly zipMaxDepth: number;
  /** Bytes of files one contact's chat flows may hold while no ticket has them yet. */
  readonly parkedQuotaBytes: number;
}

export const DEFAULT_ATTACHMENT_RULES: AttachmentRules = {
  maxFiles: 5,
  maxBytes: 10 * 1024 * 1024,
  allowedTypes: ["png", "jpg", "pdf", "zip", "txt"],
  zipMaxEntries: 1000,
  zipMaxUncompressedBytes: 100 * 1024 * 1024,
  zipMaxDepth: 2,
  parkedQuotaBytes: 20 * 1024 * 1024,
};
