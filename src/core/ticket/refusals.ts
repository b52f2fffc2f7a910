import type { CoreError } from "./errors.js";

/**
 * Why input was refused, as stable reasons for counting: a field's problem (CONTROL_CHARACTER,
 * TOO_LONG, …), a file's (ZIP_TOO_LARGE, TYPE_NOT_ALLOWED, …) or the quota. Refusals that are not
 * about the input itself (not found, forbidden, a closed ticket) give none.
 */
export const refusalReasons = (error: CoreError): string[] => {
  switch (error.code) {
    case "VALIDATION_FAILED":
      return error.issues.map((i) => i.problem.code);
    case "ATTACHMENT_REJECTED":
      return [error.reason];
    case "TOO_MANY_ATTACHMENTS":
    case "TICKET_FILES_FULL":
    case "UPLOAD_QUOTA_EXCEEDED":
      return [error.code];
    default:
      return [];
  }
};
