import type { ConversationEngine } from "../../core/conversation/index.js";
import { globalOptionId } from "../../core/conversation/index.js";
import { conversationCatalogues, type Lang } from "../../core/i18n/index.js";
import type { AttachmentRef, RequesterNotice } from "../../core/outbox/payloads.js";
import { requesterNotice } from "../../core/outbox/requester-notice.js";
import { telegramCatalogues } from "./i18n/index.js";
import { keyboardOf, type OutgoingMessage, renderPrompts } from "./render.js";

/** One Telegram message of a notification: words (with buttons) or one of an agent's files. */
export type NotificationPart =
  | { readonly kind: "message"; readonly message: OutgoingMessage }
  /** `document`: sent as a file whatever it is (a copy the person asked for), never as a photo. */
  | { readonly kind: "file"; readonly file: AttachmentRef; readonly document?: boolean };

export type RequesterPayload = RequesterNotice;

/** Buttons under a notice: straight to the ticket, or to answering it; the engine re-checks access on tap. */
const ticketButtons = (lang: Lang, ticket: number, reply: boolean) =>
  keyboardOf([
    ...(reply
      ? [{ id: globalOptionId({ kind: "reply", ticket }), label: conversationCatalogues[lang].tickets.reply }]
      : []),
    { id: globalOptionId({ kind: "view", ticket }), label: telegramCatalogues[lang].viewTicket },
  ]);

const withButtons = (messages: OutgoingMessage[], keyboard: OutgoingMessage["keyboard"]): OutgoingMessage[] =>
  messages.map((m, i) => (i === messages.length - 1 ? { ...m, keyboard } : m));

export interface NotificationContext {
  readonly engine: ConversationEngine;
  readonly contactId: string;
  readonly lang: Lang;
  readonly timeZone: string;
}

/**
 * What a requester notification looks like in Telegram, in order. A rating request is asked by the
 * engine, which also arms the answer; null when the ticket can no longer be rated (nothing to send).
 */
export const notificationParts = async (
  payload: RequesterPayload,
  ctx: NotificationContext,
): Promise<NotificationPart[] | null> => {
  const message = (m: OutgoingMessage): NotificationPart => ({ kind: "message", message: m });
  switch (payload.kind) {
    case "rating_request": {
      const question = await ctx.engine.requestRating(ctx.contactId, payload.ticket.number);
      return question ? renderPrompts(question.prompts).map(message) : null;
    }
    case "file_copy":
      return [{ kind: "file", file: payload.attachment, document: true }];
    case "conversation.expired":
      return renderPrompts(requesterNotice(payload, ctx.lang, ctx.timeZone)).map(message);
    case "agent_reply": {
      const words = renderPrompts(requesterNotice(payload, ctx.lang, ctx.timeZone));
      const buttons = ticketButtons(ctx.lang, payload.ticket.number, true);
      return [
        ...withButtons(words, buttons).map(message),
        ...payload.attachments.map((file): NotificationPart => ({ kind: "file", file })),
      ];
    }
    case "status_changed":
    case "ticket_notice":
    case "auto_close_reminder": {
      const words = renderPrompts(requesterNotice(payload, ctx.lang, ctx.timeZone));
      return withButtons(
        words,
        ticketButtons(ctx.lang, payload.ticket.number, payload.kind === "auto_close_reminder"),
      ).map(message);
    }
  }
};
