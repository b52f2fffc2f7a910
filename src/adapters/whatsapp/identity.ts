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

/** The Cloud API recipient (digits only), or null for keys the Cloud API cannot address. */
export const waIdOfContactKey = (key: string): string | null => (PHONE.test(key) ? key : null);
