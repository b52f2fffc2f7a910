import type { AuditLog } from "../ports/audit-log.js";
import type { BlobStore } from "../ports/blob-store.js";
import type { Clock } from "../ports/clock.js";
import type { ContactDossier, DossierAttachment, PersonalDataStore } from "../ports/personal-data.js";
import { err, ok, type Result } from "../shared/result.js";
import type { PrivacyError, PrivacyRequester } from "./requester.js";

export const EXPORT_FORMAT = "chamado.contact-export/1";

export interface ExportDeps {
  readonly data: PersonalDataStore;
  readonly blobs: BlobStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export interface ExportedFile {
  /** Path inside the archive. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The answer to an access request: one JSON document and the files it points to by path. */
export interface ContactExport {
  readonly contactId: string;
  readonly document: Record<string, unknown>;
  readonly files: readonly ExportedFile[];
}

/** A name safe in any archive tool: no folders, no control characters, not empty. */
const safeName = (name: string): string =>
  name
    .replace(/[\p{Cc}/\\:*?"<>|]+/gu, "_")
    .replace(/^\.+/, "_")
    .slice(0, 120) || "file";

const readOrNull = async (blobs: BlobStore, key: string): Promise<Uint8Array | null> => {
  try {
    return await blobs.get(key);
  } catch {
    // Bytes already deleted (retention of closed tickets' files): the document says so.
    return null;
  }
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

const documentOf = (d: ContactDossier, at: Date, pathOf: Map<string, string | null>) => ({
  format: EXPORT_FORMAT,
  exportedAt: at.toISOString(),
  contact: {
    ...d.contact,
    createdAt: iso(d.contact.createdAt),
    lastInboundAt: iso(d.contact.lastInboundAt),
    unreachable: d.contact.unreachable && { ...d.contact.unreachable, at: iso(d.contact.unreachable.at) },
  },
  person: { ...d.person, createdAt: iso(d.person.createdAt) },
  organization: d.organization,
  linkedIdentities: d.linkedIdentities,
  tickets: d.tickets.map((t) => ({
    ...t,
    ref: `TKT-${String(t.number).padStart(6, "0")}`,
    createdAt: iso(t.createdAt),
    closedAt: iso(t.closedAt),
    events: t.events.map((e) => ({
      ...e,
      at: iso(e.at),
      attachments: e.attachments.map(({ storageKey: _, ...a }) => ({ ...a, file: pathOf.get(a.id) ?? null })),
    })),
  })),
  abandonedFlows: d.abandonedFlows.map((f) => ({ ...f, at: iso(f.at) })),
  parkedFiles: d.parkedFiles.map((p) => ({
    size: p.size,
    at: iso(p.at),
    file: pathOf.get(p.storageKey) ?? null,
  })),
});

/**
 * Everything chamado holds about one contact (access request, LGPD art. 18 / GDPR art. 15), and an
 * audit entry saying who asked. Internal notes of agents are not the contact's data and stay out.
 */
export const exportContact = async (
  deps: ExportDeps,
  contactId: string,
  requester: PrivacyRequester,
): Promise<Result<ContactExport, PrivacyError>> => {
  const dossier = await deps.data.dossier(contactId);
  if (!dossier) return err({ code: "CONTACT_NOT_FOUND" });
  const at = deps.clock.now();
  const files: ExportedFile[] = [];
  const pathOf = new Map<string, string | null>();
  const add = async (id: string, key: string, path: string) => {
    const bytes = await readOrNull(deps.blobs, key);
    pathOf.set(id, bytes ? path : null);
    if (bytes) files.push({ path, bytes });
  };
  for (const ticket of dossier.tickets) {
    const attachments: DossierAttachment[] = ticket.events.flatMap((e) => e.attachments);
    for (const a of attachments)
      await add(
        a.id,
        a.storageKey,
        `files/TKT-${String(ticket.number).padStart(6, "0")}/${a.id}-${safeName(a.fileName)}`,
      );
  }
  for (const [i, p] of dossier.parkedFiles.entries())
    await add(p.storageKey, p.storageKey, `files/parked/${i + 1}-${safeName(p.storageKey)}`);
  await deps.audit.record({
    at,
    actor: requester.actor,
    door: requester.door,
    action: "contact.exported",
    target: { kind: "contact", id: contactId },
    detail: { tickets: dossier.tickets.length, files: files.length },
  });
  return ok({ contactId, document: documentOf(dossier, at, pathOf), files });
};
