import { z } from "zod";
import type { AnswerDelivery, Prompt } from "../../core/conversation/index.js";
import type { Lang } from "../../core/i18n/index.js";
import { type OutboxItem, type SendOutcome, sent } from "../../core/outbox/delivery.js";
import { DIALOGUE_ANSWER, dialogueAnswerDraft } from "../../core/outbox/payloads.js";
import type { Clock } from "../../core/ports/clock.js";
import type { Outbox } from "../../core/ports/outbox.js";
import type { OutboxQueue } from "../../core/ports/outbox-queue.js";
import { NOTHING_SENT } from "./notification.js";

/**
 * How long one part of an answer may take on its way while the webhook waits. Past it the rest is
 * queued for the outbox worker, so a hung platform holds a chat turn this long at most.
 */
export const INLINE_ANSWER_TIMEOUT_MS = 5_000;

/** How a failed send continues: queued and retried (with the platform's wait, if it said one), or dropped. */
export type AnswerFailure = { readonly retry: true; readonly afterMs: number } | { readonly retry: false };

/** One transport's way of sending answers: its own message format ("parts"), stored as JSON when queued. */
export interface AnswerWay {
  /** The parts to send, in order; null when the contact cannot be written to on this transport. */
  render(
    contactKey: string,
    lang: Lang,
    prompts: readonly Prompt[],
  ): readonly Record<string, unknown>[] | null;
  send(part: Readonly<Record<string, unknown>>, signal: AbortSignal): Promise<string>;
  failure(error: unknown): AnswerFailure;
}

export interface AnswerTarget {
  readonly contactId: string;
  readonly contactKey: string;
  readonly messageId: string;
}

export interface WhatsAppAnswers {
  /**
   * Sends the engine's prompts at once, in order; what the platform does not take (5xx, 429, a
   * timeout) is queued in the outbox, before the chat's later answers. With `behind`, an earlier
   * answer may still be queued, and this one goes behind it.
   */
  deliver(
    target: AnswerTarget,
    lang: Lang,
    prompts: readonly Prompt[],
    behind: boolean,
  ): Promise<AnswerDelivery>;
  /** The outbox's retry of a queued answer, resuming after the last part that went out. */
  sendQueued(
    item: OutboxItem,
    answer: Readonly<Record<string, unknown>>,
    signal: AbortSignal,
  ): Promise<SendOutcome>;
}

const queuedAnswer = z.object({ parts: z.array(z.record(z.string(), z.unknown())).min(1) });
/** Items stopped half-way remembered at once; beyond that the oldest start over (a repeat, never a loss). */
const MAX_PARTIAL = 1000;

export const createWhatsAppAnswers = (deps: {
  readonly way: AnswerWay;
  readonly outbox: Pick<OutboxQueue, "hasPending">;
  readonly writer: Outbox;
  readonly clock: Clock;
  readonly log: { warn(details: object, message: string): void };
}): WhatsAppAnswers => {
  const progress = new Map<string, number>();

  const queue = async (target: AnswerTarget, parts: readonly Record<string, unknown>[], afterMs: number) => {
    const at = new Date(deps.clock.now().getTime() + afterMs);
    const draft = dialogueAnswerDraft({ channel: "WHATSAPP", ...target, body: { parts } }, at);
    await deps.writer.enqueue([draft]);
    return "queued" as const;
  };

  return {
    async deliver(target, lang, prompts, behind) {
      const parts = deps.way.render(target.contactKey, lang, prompts);
      if (!parts || parts.length === 0) return "sent";
      if (behind && (await deps.outbox.hasPending(`contact:${target.contactId}`, DIALOGUE_ANSWER)))
        return queue(target, parts, 0);
      for (const [i, part] of parts.entries()) {
        try {
          await deps.way.send(part, AbortSignal.timeout(INLINE_ANSWER_TIMEOUT_MS));
        } catch (error) {
          const failure = deps.way.failure(error);
          deps.log.warn({ err: error, retry: failure.retry }, "whatsapp: an answer did not go out at once");
          // Refused for good: no retry would help, and the rest would read out of context.
          if (!failure.retry) return "sent";
          return queue(target, parts.slice(i), failure.afterMs);
        }
      }
      return "sent";
    },

    async sendQueued(item, answer, signal) {
      const parsed = queuedAnswer.safeParse(answer);
      if (!parsed.success) return { kind: "permanent", reason: "invalid dialogue answer" };
      const { parts } = parsed.data;
      let last: string = NOTHING_SENT;
      for (let i = progress.get(item.key) ?? 0; i < parts.length; i++) {
        try {
          last = await deps.way.send(parts[i]!, signal);
        } catch (error) {
          const failure = deps.way.failure(error);
          if (!failure.retry) {
            progress.delete(item.key);
            return { kind: "permanent", reason: error instanceof Error ? error.message : String(error) };
          }
          progress.delete(item.key);
          progress.set(item.key, i);
          if (progress.size > MAX_PARTIAL) progress.delete(progress.keys().next().value as string);
          return {
            kind: "retry",
            reason: error instanceof Error ? error.message : String(error),
            ...(failure.afterMs > 0 ? { afterMs: failure.afterMs } : {}),
          };
        }
      }
      progress.delete(item.key);
      return sent(last);
    },
  };
};
