import { renderAsText } from "../../../core/conversation/index.js";
import { permanentFailure, retryLater, sent } from "../../../core/outbox/delivery.js";
import { DIALOGUE_ANSWER } from "../../../core/outbox/payloads.js";
import type { ChannelSender } from "../../../core/ports/channel-sender.js";
import type { WhatsAppAnswers } from "../answers.js";
import { chatOfContactKey } from "../identity.js";
import { NOTHING_SENT, type Notification, type Notifications } from "../notification.js";
import { splitText } from "../prompt-forms.js";
import type { WhatsAppWebClient } from "./client.js";
import type { WebSession } from "./session.js";

/** How soon an item comes back while this instance cannot send (linking, reconnecting, or standby). */
const NOT_READY_RETRY_MS = 2000;

/** Text as numbered lists, then each file; returns the last message's id (its acks stand for the whole item). */
export const sendOverWeb = async (
  client: WhatsAppWebClient,
  chatId: string,
  notification: Notification,
): Promise<string> => {
  let last = "";
  for (const prompt of notification.prompts) {
    for (const part of splitText(renderAsText(prompt))) last = await client.sendText(chatId, part);
  }
  for (const file of notification.files) {
    last = await client.sendMedia(chatId, {
      fileName: file.fileName,
      mimeType: file.contentType,
      bytes: file.bytes,
      ...(file.document ? { document: true } : {}),
    });
  }
  return last;
};

/**
 * Outbox items over WhatsApp Web. Only the instance holding the session can send; elsewhere (and
 * while the phone is relinking) items come back shortly, for whichever instance holds it then.
 * Client errors are thrown to the worker, which retries them.
 */
export const createWebSender = (deps: {
  readonly session: WebSession;
  readonly notifications: Notifications;
  /** Dialogue answers that could not go out at once. */
  readonly answers: WhatsAppAnswers;
}): ChannelSender => ({
  channel: "WHATSAPP",
  async send(item, signal) {
    if (item.kind === DIALOGUE_ANSWER)
      return deps.answers.sendQueued(item, (item.payload.answer ?? {}) as Record<string, unknown>, signal);
    const addressed = await deps.notifications.address(item);
    if (!addressed.ok) return addressed.error;
    const chatId = chatOfContactKey(addressed.value.contact.platformUserId);
    if (!chatId)
      return permanentFailure(`no WhatsApp chat for ${addressed.value.contact.platformUserId}`, true);
    const client = deps.session.client();
    if (!client)
      return retryLater(`whatsapp web is ${deps.session.state()} on this instance`, NOT_READY_RETRY_MS);
    const notification = await deps.notifications.compose(addressed.value);
    if (!notification) return sent(NOTHING_SENT);
    return sent(await sendOverWeb(client, chatId, notification));
  },
});
