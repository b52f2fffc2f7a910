/**
 * One person, one contact, whichever transport runs: the contact key is the phone number's digits
 * (Cloud API's wa_id). WhatsApp Web names chats "<digits>@c.us"; accounts that hide their number
 * appear as "<id>@lid", kept whole since no phone number is known for them.
 */
const PHONE_CHAT = /^(\d{5,20})@c\.us$/;
const HIDDEN_CHAT = /^\d{5,30}@lid$/;
const PHONE = /^\d{5,20}$/;

/** The contact key of a private WhatsApp Web chat; null for groups, broadcasts and status updates. */
export const contactKeyOfChat = (chatId: string): string | null => {
  const phone = PHONE_CHAT.exec(chatId);
  if (phone) return phone[1]!;
  return HIDDEN_CHAT.test(chatId) ? chatId : null;
};

/** The WhatsApp Web chat a contact key writes to. */
export const chatOfContactKey = (key: string): string | null => {
  if (PHONE.test(key)) return `${key}@c.us`;
  return HIDDEN_CHAT.test(key) ? key : null;
};

/**
 * A business-scoped user id (BSUID), Meta's id for a person who hides their number behind a
 * username: a country code, a period, up to 128 letters and digits ("BR.1502576394655843"), or a
 * parent BSUID with ENT in between ("US.ENT.11815799212886844830"). Kept whole as the contact key.
 */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/** The Cloud API recipient (digits only), or null for keys the Cloud API cannot address by phone. */
export const waIdOfContactKey = (key: string): string | null => (PHONE.test(key) ? key : null);

/**
 * How the Cloud API addresses a contact: `to` with the phone number, or `recipient` with the BSUID
 * when no number is known (Meta's messages API: `to` wins when both are given, so only one is sent).
 */
export type CloudAddress = { readonly to: string } | { readonly recipient: string };
export const cloudAddressOf = (key: string): CloudAddress | null => {
  if (PHONE.test(key)) return { to: key };
  return BSUID.test(key) ? { recipient: key } : null;
};
