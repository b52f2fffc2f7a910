import { deleteUnreferenced } from "../adapters/files/delete-unreferenced.js";
import type { TurnStore } from "../core/ports/turn-store.js";
import type { PrivacyDesk } from "../core/privacy/desk.js";
import { type EraseDeps, eraseContact, eraseUnfinished } from "../core/privacy/erase.js";
import { exportContact } from "../core/privacy/export.js";
import type { Core } from "./container.js";

/** The erasure's ports on a core and a session store; null on memory storage. */
export const erasureDeps = (core: Core, turns: Pick<TurnStore, "forget">): EraseDeps | null => {
  const data = core.storage.personalData;
  if (!data) return null;
  return {
    data,
    directory: core.directory,
    turns,
    deleteFiles: (keys) => deleteUnreferenced(core.blobs, keys, (k) => core.storage.referencedKeys(k)),
    audit: core.storage.audit,
    clock: { now: () => new Date() },
  };
};

/** Export and erasure on the core's storage, blobs and the given session store. */
export const privacyDesk = (core: Core, turns: Pick<TurnStore, "forget">): PrivacyDesk | null => {
  const erase = erasureDeps(core, turns);
  if (!erase) return null;
  const exportDeps = { data: erase.data, blobs: core.blobs, audit: core.storage.audit, clock: erase.clock };
  return {
    exportContact: (contactId, requester) => exportContact(exportDeps, contactId, requester),
    eraseContact: (contactId, requester, onStep) => eraseContact(erase, contactId, requester, onStep),
    finishUnfinishedErasures: (limit) => eraseUnfinished(erase, limit),
  };
};
