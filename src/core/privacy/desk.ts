import type { Result } from "../shared/result.js";
import type { ErasureReport, ErasureStep } from "./erase.js";
import type { ContactExport } from "./export.js";
import type { PrivacyError, PrivacyRequester } from "./requester.js";

/** Access and erasure requests, as the CLI and the REST API call them. */
export interface PrivacyDesk {
  exportContact(contactId: string, requester: PrivacyRequester): Promise<Result<ContactExport, PrivacyError>>;
  eraseContact(
    contactId: string,
    requester: PrivacyRequester,
    onStep?: (step: ErasureStep) => Promise<void> | void,
  ): Promise<Result<ErasureReport, PrivacyError>>;
  /** Finishes erasures whose run died; returns how many were finished. */
  finishUnfinishedErasures(limit: number): Promise<number>;
}
