import type { Logger } from "pino";
import type { AnswerDelivery, Prompt } from "../../core/conversation/index.js";
import { DIALOGUE_ANSWER, dialogueAnswerDraft } from "../../core/outbox/payloads.js";
import type { Clock } from "../../core/ports/clock.js";
import type { Outbox } from "../../core/ports/outbox.js";
import type { OutboxQueue } from "../../core/ports/outbox-queue.js";
import { type BotClient, callBot, classifyFailure } from "./api.js";
import { type Placement, renderPrompts, sendMessageParams } from "./render.js";

/**
 * How long the person's answer may take on its way while the webhook waits. Past it the answer is
 * queued and retried by the outbox worker, so a slow Bot API holds a chat turn this long at most.
 */
export const INLINE_ANSWER_TIMEOUT_MS = 5_000;

type SendParams = ReturnType<typeof sendMessageParams>;

/** Where an answer goes: the contact (its chat order) and the message it answers (its queue key). */
export interface AnswerTarget {
  readonly contactId: string;
  readonly messageId: string;
  readonly chatId: number;
}

export interface TelegramAnswers {
  /**
   * Sends the engine's prompts at once, in order. When Telegram fails in a way worth retrying (5xx,
   * 429, timeout, reset), what is left is queued in the outbox, delivered before the chat's later
   * answers; with `behind`, an earlier answer may still be queued, and this one goes behind it.
   */
  deliver(
    target: AnswerTarget,
    prompts: readonly Prompt[],
    placement: Omit<Placement, "last">,
    behind: boolean,
  ): Promise<AnswerDelivery>;
}

export const createTelegramAnswers = (deps: {
  readonly client: BotClient;
  readonly outbox: Pick<OutboxQueue, "hasPending">;
  readonly writer: Outbox;
  readonly clock: Clock;
  readonly logger: Logger;
}): TelegramAnswers => {
  const queue = async (target: AnswerTarget, params: readonly SendParams[], afterMs: number) => {
    const at = new Date(deps.clock.now().getTime() + afterMs);
    const body = { params: params as readonly Record<string, unknown>[] };
    await deps.writer.enqueue([dialogueAnswerDraft({ channel: "TELEGRAM", ...target, body }, at)]);
    return "queued" as const;
  };

  return {
    async deliver(target, prompts, placement, behind) {
      const messages = renderPrompts(prompts);
      const params = messages.map((message, i) =>
        sendMessageParams(target.chatId, message, { ...placement, last: i === messages.length - 1 }),
      );
      if (params.length === 0) return "sent";
      if (behind && (await deps.outbox.hasPending(`contact:${target.contactId}`, DIALOGUE_ANSWER)))
        return queue(target, params, 0);
      for (const [i, message] of params.entries()) {
        try {
          await callBot(deps.client, "sendMessage", message, AbortSignal.timeout(INLINE_ANSWER_TIMEOUT_MS));
        } catch (error) {
          const failure = classifyFailure(error);
          if (failure.kind === "rate_limited" || failure.kind === "unavailable") {
            deps.logger.warn({ chatId: target.chatId, failure }, "telegram: answer queued for a retry");
            return queue(target, params.slice(i), failure.kind === "rate_limited" ? failure.retryAfterMs : 0);
          }
          // Blocked, gone or refused: no retry would help, and the rest would read out of context.
          const level = failure.kind === "recipient_gone" ? "info" : "warn";
          deps.logger[level]({ chatId: target.chatId, failure }, "telegram: could not send an answer");
          return "sent";
        }
      }
      return "sent";
    },
  };
};
