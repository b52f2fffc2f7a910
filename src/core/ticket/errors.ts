import type { TicketStatus } from "./status.js";

/** Stable codes of field problems; the catalogues turn them into sentences. */
export type FieldProblem =
  | { readonly code: "REQUIRED" }
  | { readonly code: "TOO_SHORT"; readonly min: number; readonly actual: number }
  | { readonly code: "TOO_LONG"; readonly max: number; readonly actual: number }
  | { readonly code: "NOT_ONE_OF"; readonly allowed: readonly string[] }
  /** An invisible control character (NUL, escape, …), named as "U+0000" since it cannot be shown. */
  | { readonly code: "CONTROL_CHARACTER"; readonly codePoint: string }
  /** Half of a character (a lone UTF-16 surrogate): not text in any encoding. */
  | { readonly code: "INVALID_UNICODE" }
  | { readonly code: "INVALID" };

export interface FieldIssue {
  readonly field: string;
  readonly problem: FieldProblem;
}

export type AttachmentRejection =
  | "EMPTY"
  | "TOO_LARGE"
  | "TYPE_NOT_ALLOWED"
  | "ZIP_TOO_MANY_ENTRIES"
  | "ZIP_TOO_LARGE"
  | "ZIP_NESTED_TOO_DEEP"
  | "CORRUPT";

/** Expected failures of the ticket core. `code` is stable: adapters and clients match on it. */
export type CoreError =
  | { readonly code: "VALIDATION_FAILED"; readonly issues: readonly FieldIssue[] }
  | { readonly code: "TICKET_NOT_FOUND"; readonly ref: string }
  | { readonly code: "ILLEGAL_TRANSITION"; readonly from: TicketStatus; readonly to: TicketStatus }
  | { readonly code: "REOPEN_WINDOW_EXPIRED"; readonly closedAt: Date; readonly windowDays: number }
  | { readonly code: "FORBIDDEN"; readonly action: string }
  | { readonly code: "TOO_MANY_ATTACHMENTS"; readonly max: number; readonly actual: number }
  /** A ticket holds at most `max` files from its requester's side (opening and replies together). */
  | { readonly code: "TICKET_FILES_FULL"; readonly max: number; readonly already: number }
  /** The contact's flows already hold this many bytes of files waiting for a ticket; more would pass the quota. */
  | { readonly code: "UPLOAD_QUOTA_EXCEEDED"; readonly quota: number; readonly parked: number }
  | {
      readonly code: "ATTACHMENT_REJECTED";
      readonly fileName: string;
      readonly reason: AttachmentRejection;
      readonly limit?: number;
    }
  | { readonly code: "RATING_NOT_ALLOWED"; readonly reason: "NOT_CLOSED" | "ALREADY_RATED" }
  | { readonly code: "NOT_REGISTERED" }
  /** The requester's contact was deactivated: nothing is opened or replied for it until it is invited again. */
  | { readonly code: "CONTACT_DEACTIVATED" }
  /** No file by that id or name on the ticket's history the caller may see. */
  | { readonly code: "ATTACHMENT_NOT_FOUND"; readonly ref: string; readonly file: string }
  | { readonly code: "SAVED_REPLY_NOT_FOUND"; readonly name: string }
  | {
      readonly code: "MERGE_NOT_ALLOWED";
      readonly reason: "SAME_TICKET" | "ALREADY_MERGED" | "TARGET_MERGED" | "TARGET_CLOSED";
    };

export type CoreErrorCode = CoreError["code"];

export const notFound = (ref: string | number): CoreError => ({ code: "TICKET_NOT_FOUND", ref: String(ref) });
