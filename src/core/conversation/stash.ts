import { createHash } from "node:crypto";
import { vetFiles } from "../attachments/accept-files.js";
import { err, ok, type Result } from "../shared/result.js";
import type { FileInput } from "../ticket/commands.js";
import type { CoreError } from "../ticket/errors.js";
import type { ConversationDeps } from "./deps.js";
import type { ConversationState, StashedFile } from "./state.js";

type StashDeps = Pick<ConversationDeps, "blobs" | "inspector" | "attachmentRules" | "parked" | "clock">;

/**
 * Vets files the moment they arrive (so the step can refuse them with the reason) and parks the bytes
 * in the blob store, keeping only references in the session. The store is content-addressed and
 * shared with attachments and other contacts' flows, so each parked file is also a reference in
 * `parked`: recorded before the bytes are written, counted against the contact's quota, and dropped
 * when the flow ends (see releaseParked), which deletes the bytes once nothing else needs them.
 */
export const stashFiles = async (
  deps: StashDeps,
  contactId: string,
  already: readonly StashedFile[],
  files: readonly FileInput[],
): Promise<Result<StashedFile[], CoreError>> => {
  const total = already.length + files.length;
  if (total > deps.attachmentRules.maxFiles) {
    return err({ code: "TOO_MANY_ATTACHMENTS", max: deps.attachmentRules.maxFiles, actual: total });
  }
  const vetted = await vetFiles(files, deps.attachmentRules, deps.inspector);
  if (!vetted.ok) return vetted;
  const incoming = vetted.value.reduce((sum, v) => sum + v.file.bytes.byteLength, 0);
  const parked = await deps.parked.bytesOf(contactId);
  const quota = deps.attachmentRules.parkedQuotaBytes;
  if (parked + incoming > quota) return err({ code: "UPLOAD_QUOTA_EXCEEDED", quota, parked });

  const hashed = vetted.value.map(({ file, extension }) => {
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    return { file, extension, sha256, storageKey: deps.blobs.keyFor({ sha256, extension }) };
  });
  await deps.parked.park(
    contactId,
    hashed.map((h) => ({ storageKey: h.storageKey, size: h.file.bytes.byteLength })),
    deps.clock.now(),
  );
  const stashed = await Promise.all(
    hashed.map(async ({ file, extension, sha256 }) => {
      const storageKey = await deps.blobs.put(file.bytes, { sha256, extension });
      return { fileName: file.fileName, storageKey, size: file.bytes.byteLength };
    }),
  );
  return ok([...already, ...stashed]);
};

/** The parked bytes, handed to the ticket service (which vets them again, as it does every input). */
export const restoreFiles = (
  deps: Pick<ConversationDeps, "blobs">,
  files: readonly StashedFile[],
): Promise<FileInput[]> =>
  Promise.all(
    files.map(async (f) => ({
      fileName: f.fileName,
      bytes: new Uint8Array(await deps.blobs.get(f.storageKey)),
    })),
  );

/** The storage keys a conversation state holds (a language question holds those of the flow it interrupted). */
export const parkedIn = (state: ConversationState | null): ReadonlySet<string> => {
  // A language question or a suggestion holds the flow it interrupted.
  const flow = state && "resume" in state ? state.resume : state;
  const files = !flow ? [] : "draft" in flow ? flow.draft.files : flow.step === "offer.add" ? flow.files : [];
  return new Set(files.map((f) => f.storageKey));
};

/**
 * Lets go of parked files: `"all"` when the contact's flow is over (a ticket made from them has its
 * attachment rows by then, which keep the bytes), or the keys a step dropped. A failure here is
 * logged, not raised: the answer stands, and the idle sweep releases what is left.
 */
export const releaseParked = async (
  deps: Pick<ConversationDeps, "parked" | "logger">,
  contactId: string,
  keys: readonly string[] | "all",
): Promise<void> => {
  if (keys !== "all" && keys.length === 0) return;
  try {
    await deps.parked.release(contactId, keys === "all" ? undefined : keys);
  } catch (error) {
    deps.logger?.warn({ err: error, contactId }, "could not release parked files; the idle sweep will");
  }
};
