import type { OutboxItem } from "../../core/outbox/delivery.js";
import { DIALOGUE_ANSWER } from "../../core/outbox/payloads.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";

/**
 * Why an item to a contact is not sent at all: the contact was deactivated after it was written
 * (an agent's reply, a status change, a rating request on a ticket they opened before). Answers to
 * the contact's own messages still go: the refusal that tells them they were deactivated is one.
 */
export const deactivatedRecipient =
  (directory: Pick<DirectoryRepository, "findContactById">) =>
  async (item: OutboxItem): Promise<string | null> => {
    const { audience, contactId } = item.payload as { audience?: unknown; contactId?: unknown };
    if (audience === "agents" || typeof contactId !== "string" || item.kind === DIALOGUE_ANSWER) return null;
    const contact = await directory.findContactById(contactId);
    return contact?.deactivatedAt ? "not sent: the contact was deactivated" : null;
  };
