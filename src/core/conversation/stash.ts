import { createHash } from "node:crypto";
import { vetFiles } from "../attachments/accept-files.js";
import { err, ok, type Result } from "../shared/result.js";
import type { FileInput } from "../ticket/commands.js";
import type { CoreError } from "../ticket/errors.js";
import type { ConversationDeps } from "./deps.js";
import type { StashedFile } from "./state.js";

/**
 * Vets files the moment they arrive (so the step can refuse them with the reason) and parks the bytes
 * in the blob store, keeping only references in the session. The blob store is content-addressed and
 * shared with stored attachments, so parked files are never deleted here: an abandoned flow's files are
 * indistinguishable from a real attachment with the same bytes.
 */
export const stashFiles = async (
  deps: Pick<ConversationDeps, "blobs" | "inspector" | "attachmentRules">,
  already: readonly StashedFile[],
  files: readonly FileInput[],
): Promise<Result<StashedFile[], CoreError>> => {
  const total = already.length + files.length;
  if (total > deps.attachmentRules.maxFiles) {
    return err({ code: "TOO_MANY_ATTACHMENTS", max: deps.attachmentRules.maxFiles, actual: total });
  }
  const vetted = await vetFiles(files, deps.attachmentRules, deps.inspector);
  if (!vetted.ok) return vetted;
  const stashed = await Promise.all(
    vetted.value.map(async ({ file, extension }) => {
      const sha256 = createHash("sha256").update(file.bytes).digest("hex");
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
