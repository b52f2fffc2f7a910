import type { AttachmentRules } from "../attachments/rules.js";
import type { Lang } from "../i18n/lang.js";
import type { OutboxDraft } from "../outbox/outbox-draft.js";
import type { ContentInspector } from "../ports/content-inspector.js";
import type { ContactRecord } from "../ports/directory.js";
import type { AttachmentMeta } from "../ticket/ticket.js";

export const FILE_COPY_KIND = "file_copy";

/**
 * A stored file is sent again only if it still is what was accepted: its size within today's
 * limit and as recorded, its content still of an allowed type, the one it was stored as. Rules may
 * have narrowed since, and stored bytes are not trusted blindly on their way back to a person.
 */
export const stillSendable = async (
  file: AttachmentMeta,
  bytes: Uint8Array,
  rules: AttachmentRules,
  inspector: ContentInspector,
): Promise<boolean> => {
  if (bytes.byteLength !== file.size || bytes.byteLength > rules.maxBytes || bytes.byteLength === 0)
    return false;
  const content = await inspector.inspect(bytes);
  if (content.kind === "zip")
    return rules.allowedTypes.includes("zip") && file.contentType === "application/zip";
  if (content.kind !== "known" || content.utf8) return false;
  return rules.allowedTypes.includes(content.extension) && content.mime === file.contentType;
};

/** The copy goes through the outbox like every message to a person: paced, retried, in chat order. */
export const fileCopyDraft = (
  contact: ContactRecord,
  lang: Lang,
  ticket: { readonly id: string; readonly number: number },
  file: AttachmentMeta,
  sourceKey: string,
  now: Date,
): OutboxDraft => ({
  key: `${FILE_COPY_KIND}:${sourceKey}`,
  channel: contact.channel,
  kind: FILE_COPY_KIND,
  ticketId: ticket.id,
  scope: `contact:${contact.id}`,
  payload: {
    kind: FILE_COPY_KIND,
    contactId: contact.id,
    lang,
    ticketNumber: ticket.number,
    attachment: {
      storageKey: file.storageKey,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
    },
  },
  availableAt: now,
});
