import {
  heldUntilReleased,
  permanentFailure,
  retryLater,
  type SendOutcome,
  sent,
} from "../../../core/outbox/delivery.js";
import { DIALOGUE_ANSWER } from "../../../core/outbox/payloads.js";
import type { ChannelSender } from "../../../core/ports/channel-sender.js";
import type { WhatsAppAnswers } from "../answers.js";
import { type CloudAddress, cloudAddressOf } from "../identity.js";
import { type Addressed, NOTHING_SENT, type Notification, type Notifications } from "../notification.js";
import { type GraphApi, GraphApiError } from "./graph-api.js";
import { outcomeOfGraphError, REENGAGEMENT_REQUIRED } from "./outcomes.js";
import { mediaBody, renderPrompts, templateBody } from "./render.js";
import type { WindowGuard } from "./window.js";

/**
 * How long a held item waits before looking at the window again. The supplier's reply releases it
 * at once (OutboxQueue.releaseHeld); this only bounds a missed release. Items still held after
 * OUTBOX_MAX_AGE_HOURS are given up by the worker and reported to the agents.
 */
export const WINDOW_RECHECK_MS = 60 * 60 * 1000;

export interface CloudSenderDeps {
  readonly graph: GraphApi;
  readonly notifications: Notifications;
  /** Dialogue answers that could not go out at once. */
  readonly answers: WhatsAppAnswers;
  readonly window: WindowGuard;
  readonly template: { readonly name: string; readonly language: string } | null;
}

/** Every message of a notification in order; returns the last wamid (its statuses stand for the whole item). */
const deliver = async (
  graph: GraphApi,
  to: CloudAddress,
  notification: Notification,
  lang: Addressed["lang"],
  signal: AbortSignal,
) => {
  let last = "";
  for (const body of renderPrompts(notification.prompts, lang))
    last = await graph.sendMessage({ ...to, ...body }, signal);
  for (const file of notification.files) {
    const mediaId = await graph.uploadMedia(
      { fileName: file.fileName, mimeType: file.contentType, bytes: file.bytes },
      signal,
    );
    last = await graph.sendMessage({ ...to, ...mediaBody(mediaId, file) }, signal);
  }
  return last;
};

/**
 * Outbox items over the Cloud API, with the 24-hour window handled here:
 *
 * - Inside the window (Contact.lastInboundAt under 24 h ago, and Meta has not said otherwise) the
 *   item goes out as free-form messages.
 * - Outside it — known from our clock, or learnt from Meta's 131047 refusal, synchronous here or as
 *   a failed status later (statuses.ts reopens the item) — the configured template is sent, once per
 *   window, and the item is held (the outbox's HELD state).
 *   Later items of the same contact wait behind it (the outbox keeps each scope in order).
 * - When the supplier writes, the inbound path records lastInboundAt and releases held items; the
 *   item is then delivered with the window open, in order.
 * - A conversation notice is dropped instead (stale by then), and without a template the item
 *   fails for good, which the agents are told about.
 */
export const createCloudSender = (deps: CloudSenderDeps): ChannelSender => {
  const hold = async (
    addressed: Addressed,
    to: CloudAddress,
    epoch: string,
    signal: AbortSignal,
  ): Promise<SendOutcome> => {
    if (addressed.ephemeral) return sent(NOTHING_SENT);
    if (!deps.template) {
      return permanentFailure(
        "outside WhatsApp's 24-hour window and no WHATSAPP_TEMPLATE_NAME is configured to invite a reply",
      );
    }
    const contactId = addressed.contact.id;
    if (await deps.window.claimTemplate(contactId, epoch)) {
      try {
        await deps.graph.sendMessage({ ...to, ...templateBody(deps.template) }, signal);
      } catch (error) {
        await deps.window.releaseTemplate(contactId, epoch);
        if (error instanceof GraphApiError) return outcomeOfGraphError(error);
        throw error;
      }
    }
    // The supplier may have written while the template was on its way: their message released
    // nothing, as this item was not held yet. Judge the window again before holding, so such an
    // answer goes out now rather than at the next recheck.
    if ((await deps.window.state(contactId)).open)
      return retryLater("the supplier wrote while the template was being sent: the window is open again", 0);
    return heldUntilReleased(
      "outside the 24-hour window; template sent, waiting for the supplier to reply",
      WINDOW_RECHECK_MS,
    );
  };

  return {
    channel: "WHATSAPP",
    async send(item, signal) {
      // The person wrote moments before an answer was queued: the window was open, no template way.
      if (item.kind === DIALOGUE_ANSWER)
        return deps.answers.sendQueued(item, (item.payload.answer ?? {}) as Record<string, unknown>, signal);
      const addressed = await deps.notifications.address(item);
      if (!addressed.ok) return addressed.error;
      const { contact, lang } = addressed.value;
      const to = cloudAddressOf(contact.platformUserId);
      if (!to)
        return permanentFailure(
          `${contact.platformUserId} is neither a phone number nor a BSUID the Cloud API can write to`,
          true,
        );

      const window = await deps.window.state(contact.id);
      if (!window.open) return hold(addressed.value, to, window.epoch, signal);
      const notification = await deps.notifications.compose(addressed.value);
      if (!notification) return sent(NOTHING_SENT);
      try {
        return sent(await deliver(deps.graph, to, notification, lang, signal));
      } catch (error) {
        if (!(error instanceof GraphApiError)) throw error;
        if (error.code !== REENGAGEMENT_REQUIRED) return outcomeOfGraphError(error);
        await deps.window.markClosed(contact.id);
        return hold(addressed.value, to, (await deps.window.state(contact.id)).epoch, signal);
      }
    },
  };
};
