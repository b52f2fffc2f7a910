import type { Logger } from "pino";
import type { ConversationEngine, InboundInput, Prompt } from "../../core/conversation/index.js";
import { catalogues, type Lang, langFromLocale } from "../../core/i18n/index.js";
import type { Clock } from "../../core/ports/clock.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import { claimWaiting } from "../claim-waiting.js";
import { RetryLaterError } from "../http/retry-later.js";
import type { TelegramAnswers } from "./answers.js";
import { type BotClient, callBot, classifyFailure, DIALOGUE_RETRY, withRetryAfter } from "./api.js";
import type { ChatIndex } from "./chat-ids.js";
import type { FileFetcher, FileProblem } from "./files.js";
import { telegramCatalogues } from "./i18n/index.js";
import { type BotIdentity, type EventOrigin, parseUpdate, type TelegramEvent } from "./parse.js";
import { type Placement, renderPrompts, sendMessageParams } from "./render.js";
import { UPDATE_LEASE_MS, type UpdateReceipts } from "./update-receipts.js";

export interface DialogueDeps {
  readonly client: BotClient;
  readonly engine: ConversationEngine;
  readonly directory: DirectoryRepository;
  readonly receipts: UpdateReceipts;
  /** The engine's answers: sent at once, queued in the outbox when Telegram fails. */
  readonly answers: TelegramAnswers;
  readonly files: FileFetcher;
  readonly chats: ChatIndex;
  readonly defaultLang: Lang;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly onInbound?: () => void;
}

/** Another instance kept holding an update past its lease: the webhook answers 503 and Telegram retries. */
export class UpdateBusyError extends RetryLaterError {
  override readonly name = "UpdateBusyError";
  constructor(updateId: string) {
    super(`update ${updateId} is still held by another instance`);
  }
}

/**
 * Typed text and taps go to the engine, which keeps each message id for Telegram's redelivery
 * window; files, unsupported content and membership changes have side effects outside it.
 */
const handledOnceByEngine = (event: TelegramEvent): boolean =>
  event.kind === "callback" || (event.kind === "message" && event.content.kind === "input");

/** Telegram keeps an unconfirmed update for 24 hours and redelivers it within that. */
const REDELIVERY_WINDOW_MS = 25 * 3_600_000;

/** One Bot API call while a person waits; telegraf's own timeout is minutes long. */
const CALL_TIMEOUT_MS = 15_000;
const deadline = () => AbortSignal.timeout(CALL_TIMEOUT_MS);

type MessageEvent = Extract<TelegramEvent, { kind: "message" }>;
type CallbackEvent = Extract<TelegramEvent, { kind: "callback" }>;
type MembershipEvent = Extract<TelegramEvent, { kind: "membership" }>;

/**
 * Answers people in their chat: one update in, the engine's prompts out as Telegram messages.
 * Webhook and polling both hand their updates here. Each update is taken once across instances;
 * if processing throws (storage down), the claim is given back so Telegram's redelivery is processed.
 */
export const createDialogue = (deps: DialogueDeps) => {
  const { client, logger } = deps;

  /** The person's language for the channel's own sentences: chosen, else their app's, else the default. */
  const langOf = async (from: EventOrigin["from"]): Promise<Lang> => {
    const contact = await deps.directory.findContact("TELEGRAM", from.platformUserId);
    return langFromLocale(contact?.locale) ?? langFromLocale(from.locale) ?? deps.defaultLang;
  };

  /** Channel sentences outside a turn (a refused file): sent once, dropped when Telegram refuses. */
  const say = async (
    chatId: number,
    prompts: readonly Prompt[],
    placement: Omit<Placement, "last">,
  ): Promise<void> => {
    const messages = renderPrompts(prompts);
    for (const [i, message] of messages.entries()) {
      const params = sendMessageParams(chatId, message, { ...placement, last: i === messages.length - 1 });
      try {
        await withRetryAfter(() => callBot(client, "sendMessage", params, deadline()), DIALOGUE_RETRY);
      } catch (error) {
        const failure = classifyFailure(error);
        const level = failure.kind === "recipient_gone" ? "info" : "warn";
        logger[level]({ chatId, failure }, "telegram: could not send an answer");
        return;
      }
    }
  };

  const converse = async (
    event: MessageEvent | CallbackEvent,
    input: InboundInput,
    placement: Omit<Placement, "last">,
    /** Platform chores of this message, done once with its answer (a redelivery finds it answered). */
    alongside: () => Promise<unknown> = async () => {},
  ) => {
    // Sent inside the engine's per-contact lock, so a redelivery racing this one cannot answer too.
    const reply = await deps.engine.handle(
      {
        channel: "TELEGRAM",
        messageId: event.messageId,
        from: event.from,
        organization: event.organization,
        input,
        receivedAt: deps.clock.now(),
        redeliveryWindowMs: REDELIVERY_WINDOW_MS,
      },
      {
        deliver: async (answer, { behind }) => {
          const chores = alongside();
          try {
            if (!answer.contact) {
              await say(event.chatId, answer.prompts, placement);
              return "sent";
            }
            deps.chats.remember(answer.contact.id, event.chatId);
            const target = { contactId: answer.contact.id, messageId: event.messageId, chatId: event.chatId };
            return await deps.answers.deliver(target, answer.prompts, placement, behind);
          } finally {
            await chores;
          }
        },
      },
    );
    if (reply.outcome === "failed")
      logger.warn({ updateId: event.updateId }, "telegram: the conversation failed; the person was told");
  };

  const fileError = (lang: Lang, problem: FileProblem): string =>
    problem.kind === "TOO_LARGE"
      ? catalogues[lang].attachment(problem.fileName, "TOO_LARGE", problem.limit)
      : telegramCatalogues[lang].downloadFailed(problem.fileName);

  const onMessage = async (event: MessageEvent) => {
    // Telegram hides who the admin is; the group answers for them, and the operators can see it happened.
    if (event.anonymousAdmin)
      logger.info(
        { chatId: event.chatId, updateId: event.updateId },
        "telegram: anonymous group admin answered as the group",
      );
    const placement = { group: event.group, replyTo: event.group ? event.telegramMessageId : null };
    const { content } = event;
    if (content.kind === "input") return converse(event, content.input, placement);
    if (content.kind === "unsupported") {
      const lang = await langOf(event.from);
      return say(event.chatId, [{ kind: "error", text: telegramCatalogues[lang].unsupported }], placement);
    }
    const fetched = await deps.files.fetch(content.files);
    if (!fetched.ok) {
      if (fetched.error.kind === "DOWNLOAD_FAILED")
        logger.warn({ reason: fetched.error.reason }, "telegram: file download failed");
      const lang = await langOf(event.from);
      return say(event.chatId, [{ kind: "error", text: fileError(lang, fetched.error) }], placement);
    }
    const caption = content.caption;
    return converse(
      event,
      { kind: "files", files: fetched.value, ...(caption ? { caption } : {}) },
      placement,
    );
  };

  const answerCallback = async (callbackId: string, text?: string) => {
    try {
      await withRetryAfter(
        () =>
          callBot(
            client,
            "answerCallbackQuery",
            { callback_query_id: callbackId, ...(text ? { text } : {}) },
            deadline(),
          ),
        DIALOGUE_RETRY,
      );
    } catch (error) {
      // An answer later than Telegram allows is refused; the person's tap is still handled.
      logger.info({ failure: classifyFailure(error) }, "telegram: callback answer refused");
    }
  };

  const onCallback = async (event: CallbackEvent) => {
    if (event.addressee && event.addressee.id !== event.userId) {
      const lang = await langOf(event.from);
      return answerCallback(event.callbackId, telegramCatalogues[lang].notForYou(event.addressee.name));
    }
    if (event.data === null) return answerCallback(event.callbackId);
    const { chatId, buttonMessageId } = event;
    // With the answer, in the tap's turn, so once however often the tap is delivered: the spinner
    // stops and the answered question's buttons go (an old one is not tapped by mistake later),
    // side by side with the next question; neither can fail the tap.
    const stopSpinnerAndRemoveButtons = () =>
      Promise.all([
        answerCallback(event.callbackId),
        callBot(
          client,
          "editMessageReplyMarkup",
          { chat_id: chatId, message_id: buttonMessageId },
          deadline(),
        ).catch((error: unknown) =>
          logger.debug({ failure: classifyFailure(error) }, "telegram: buttons not removed"),
        ),
      ]);
    await converse(
      event,
      { kind: "choice", id: event.data },
      { group: event.group, replyTo: event.group ? event.replyToMessageId : null },
      stopSpinnerAndRemoveButtons,
    );
  };

  const onMembership = async (event: MembershipEvent) => {
    const contact = await deps.directory.findContact("TELEGRAM", event.contactKey);
    if (!contact) return;
    const unreachable = event.blocked ? { at: deps.clock.now(), reason: "the person blocked the bot" } : null;
    await deps.directory.setUnreachable(contact.id, unreachable);
  };

  const process = (event: TelegramEvent): Promise<void> => {
    switch (event.kind) {
      case "message":
        return onMessage(event);
      case "callback":
        return onCallback(event);
      case "membership":
        return onMembership(event);
    }
  };

  return {
    async handle(update: unknown, bot: BotIdentity): Promise<void> {
      const event = parseUpdate(update, bot);
      if (!event) return;
      if (handledOnceByEngine(event)) {
        // Taken once in the contact's turn, keyed by the message's own id: a receipt would only add
        // two database round trips. What runs before the turn (answering the tap, removing its
        // buttons) does no harm when a redelivery repeats it.
        deps.onInbound?.();
        return process(event);
      }
      const key = String(event.updateId);
      // Waits out a holder that died: its lease runs out, and the update is taken over here.
      const claim = await claimWaiting(
        () => deps.receipts.claim(key, deps.clock.now()),
        UPDATE_LEASE_MS + 200,
      );
      if (claim === "busy") throw new UpdateBusyError(key);
      if (claim === "done") return;
      deps.onInbound?.();
      try {
        await process(event);
      } catch (error) {
        await deps.receipts.release(key).catch(() => undefined);
        throw error;
      }
      await deps.receipts.finish(key, deps.clock.now());
    },
  };
};
