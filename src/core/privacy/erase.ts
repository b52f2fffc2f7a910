import type { AuditTrail } from "../ports/audit-log.js";
import type { Clock } from "../ports/clock.js";
import type { DirectoryRepository } from "../ports/directory.js";
import type { PersonalDataStore } from "../ports/personal-data.js";
import type { TurnStore } from "../ports/turn-store.js";
import { err, ok, type Result } from "../shared/result.js";
import type { PrivacyError, PrivacyRequester } from "./requester.js";

export interface EraseDeps {
  readonly data: PersonalDataStore;
  readonly directory: DirectoryRepository;
  /** Sessions and handled-message marks (Redis or this process). */
  readonly turns: Pick<TurnStore, "forget">;
  /** Deletes the bytes of these files when nothing else references them; returns the keys deleted. */
  readonly deleteFiles: (storageKeys: readonly string[]) => Promise<readonly string[]>;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

/** The steps in the order they run; a run that died after one starts again from the first. */
export type ErasureStep = "begun" | "scrubbed" | "files" | "sessions" | "completed";

export interface ErasureReport {
  readonly contactId: string;
  /** True when an earlier run had already completed it: nothing was done. */
  readonly alreadyErased: boolean;
  readonly tickets: number;
  readonly cancelledOutbox: number;
  readonly filesDeleted: number;
}

/**
 * Erasure (LGPD art. 18 VI / GDPR art. 17): the contact is anonymized, not deleted, so tickets keep
 * their numbers, statuses, timings and agents' notes and every figure stays true. Each step can run
 * again: the database scrub is one transaction whose result is recorded with the erasure, files and
 * sessions are deleted by key, and the erasure is marked complete only after all of them. A run that
 * dies anywhere is finished by the next (the same command again, or `eraseUnfinished`).
 */
export const eraseContact = async (
  deps: EraseDeps,
  contactId: string,
  requester: PrivacyRequester,
  onStep: (step: ErasureStep) => Promise<void> | void = () => {},
): Promise<Result<ErasureReport, PrivacyError>> => {
  const begun = await deps.data.beginErasure(contactId, deps.clock.now());
  if (!begun) return err({ code: "CONTACT_NOT_FOUND" });
  if (begun.completedAt) {
    // Erased before: anything written under the old identity since (a message that was being handled
    // while the erasure ran) goes the same way. Nothing new is audited.
    const again = await deps.data.scrub(contactId);
    const deleted = await deps.deleteFiles(again.storageKeys);
    await deps.turns.forget(contactId);
    return ok({
      contactId,
      alreadyErased: true,
      tickets: 0,
      cancelledOutbox: 0,
      filesDeleted: deleted.length,
    });
  }
  await onStep("begun");

  const scrubbed = await deps.data.scrub(contactId);
  // A write through the directory drops every instance's cached copy of the contact, so the next
  // message from the same platform id finds no contact and starts a fresh one.
  await deps.directory.setUnreachable(contactId, null);
  await onStep("scrubbed");

  const deleted = await deps.deleteFiles(scrubbed.storageKeys);
  await onStep("files");

  await deps.turns.forget(contactId);
  await onStep("sessions");

  // Recorded once even when a run died between recording and completing.
  const recorded = await deps.audit.list({ targetId: contactId, action: "contact.erased", limit: 1 });
  if (recorded.length === 0) {
    await deps.audit.record({
      at: deps.clock.now(),
      actor: requester.actor,
      door: requester.door,
      action: "contact.erased",
      target: { kind: "contact", id: contactId },
      detail: { tickets: scrubbed.tickets, cancelledOutbox: scrubbed.cancelledOutbox },
    });
  }
  await deps.data.completeErasure(contactId, deps.clock.now());
  await onStep("completed");
  return ok({
    contactId,
    alreadyErased: false,
    tickets: scrubbed.tickets,
    cancelledOutbox: scrubbed.cancelledOutbox,
    filesDeleted: deleted.length,
  });
};

/** Finishes erasures whose process died (run by the retention timer); returns how many. */
export const eraseUnfinished = async (deps: EraseDeps, limit: number): Promise<number> => {
  let finished = 0;
  for (const contactId of await deps.data.unfinishedErasures(limit)) {
    const done = await eraseContact(deps, contactId, {
      actor: { kind: "system", id: "system:erasure", name: "erasure resumed" },
      door: "system",
    });
    if (done.ok) finished++;
  }
  return finished;
};
