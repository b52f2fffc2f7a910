import type { DirectoryRepository } from "../../../core/ports/directory.js";

/**
 * A message carrying both the phone number and the BSUID ties them to one person: the BSUID's
 * contact is made (or moved) under the phone contact's person, so a later message with the BSUID
 * alone (the person adopted a username and Meta stops sending the number) is the same requester and
 * sees the same tickets. The phone contact, older and holding the history, keeps its person.
 * Reads go through the directory's cache, so the common case (already linked) costs no query.
 */
export const linkBsuidToPhone = async (
  directory: DirectoryRepository,
  ids: { readonly phone: string; readonly userId: string },
): Promise<"linked" | "already" | "no-phone-contact"> => {
  const phone = await directory.findContact("WHATSAPP", ids.phone);
  if (!phone) return "no-phone-contact";
  const known = await directory.findContact("WHATSAPP", ids.userId);
  if (known?.person.id === phone.person.id) return "already";
  const organization = await directory.findOrganization(phone.person.organizationId);
  if (!organization) return "no-phone-contact";
  const contact =
    known ??
    (await directory.ensureContact({
      channel: "WHATSAPP",
      platformUserId: ids.userId,
      displayName: phone.displayName,
      organization: { key: organization.key, name: organization.name },
      registered: phone.person.registered,
      role: phone.person.role,
      locale: phone.locale,
    }));
  if (contact.person.id !== phone.person.id) await directory.linkContact(contact.id, phone.person.id);
  return "linked";
};
