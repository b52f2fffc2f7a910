import type { AuditActor, AuditDoor } from "../ports/audit-log.js";

/** Who asked for an export or an erasure, and through which door: what the audit entry names. */
export interface PrivacyRequester {
  readonly actor: AuditActor;
  readonly door: AuditDoor;
}

export type PrivacyError = { readonly code: "CONTACT_NOT_FOUND" };
