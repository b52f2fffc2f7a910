import { type Lang, langFromLocale } from "../i18n/lang.js";
import type { ContactRecord } from "../ports/directory.js";
import type { ConversationDeps } from "./deps.js";
import type { ParsedInbound } from "./inbound.js";
import type { EngineContact } from "./prompt.js";

/**
 * The contact behind a message, by the access policy: `open` creates what is missing (in the group's
 * organization, or one of its own); `registered` only finds contacts an agent registered, and returns
 * null for anyone else without storing anything.
 */
export const resolveContact = async (
  deps: ConversationDeps,
  inbound: ParsedInbound,
): Promise<ContactRecord | null> => {
  const { channel, from } = inbound;
  if (deps.settings.accessPolicy === "registered") {
    const found = await deps.directory.findContact(channel, from.platformUserId);
    return found?.person.registered ? found : null;
  }
  const name = from.displayName || from.platformUserId;
  return deps.directory.ensureContact({
    channel,
    platformUserId: from.platformUserId,
    displayName: name,
    organization: inbound.organization ?? { key: `contact:${channel}:${from.platformUserId}`, name },
    registered: false,
    locale: langFromLocale(from.locale),
  });
};

/** The language the contact chose, else their platform's, else the default. */
export const langOf = (
  contact: ContactRecord | null,
  platformLocale: string | null | undefined,
  fallback: Lang,
): Lang => langFromLocale(contact?.locale) ?? langFromLocale(platformLocale) ?? fallback;

export const contactView = (contact: ContactRecord, lang: Lang): EngineContact => ({
  id: contact.id,
  personId: contact.person.id,
  organizationId: contact.person.organizationId,
  displayName: contact.displayName,
  lang,
});
