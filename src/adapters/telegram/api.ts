import { type Telegraf, TelegramError } from "telegraf";
import type { Telegram as Methods, Opts } from "telegraf/types";
import { sleep } from "../outbox/sleep.js";

/** The Bot API client telegraf gives (`bot.telegram`), talking to TELEGRAM_API_ROOT. */
export type BotClient = Telegraf["telegram"];

/**
 * One Bot API call that a signal can abort. telegraf's helper methods take no signal, and its own
 * timeout is minutes long, so every call of this channel goes through here.
 */
export const callBot = <M extends keyof Methods>(
  client: BotClient,
  method: M,
  payload: Opts<M>,
  signal?: AbortSignal,
): Promise<ReturnType<Methods[M]>> =>
  // telegraf types its signal with the abort-controller polyfill; the platform's AbortSignal is what it passes on.
  client.callApi(method, payload, signal ? { signal: signal as never } : {});

/**
 * What a failed call means for us. `rate_limited`: Telegram's 429 with its retry_after.
 * `recipient_gone`: the person blocked the bot, deleted their account, removed it from the group, or
 * the chat no longer exists; writing again will not help. `rejected`: Telegram refused this request
 * (a bug of ours or content it will never take). `unavailable`: anything worth trying again later.
 */
export type BotApiFailure =
  | { readonly kind: "rate_limited"; readonly retryAfterMs: number; readonly reason: string }
  | { readonly kind: "recipient_gone"; readonly reason: string }
  | { readonly kind: "rejected"; readonly reason: string }
  | { readonly kind: "unavailable"; readonly reason: string };

const GONE_400 =
  /chat not found|user not found|group chat was deactivated|have no rights to send|not enough rights to send/i;

export const classifyFailure = (error: unknown): BotApiFailure => {
  if (!(error instanceof TelegramError)) {
    return {
      kind: "unavailable",
      reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  const reason = `${error.code}: ${error.description}`;
  if (error.code === 429) {
    // Telegram always sends retry_after with 429; a missing one still waits a little rather than hammering.
    const seconds = error.parameters?.retry_after;
    return {
      kind: "rate_limited",
      retryAfterMs: typeof seconds === "number" && seconds >= 0 ? seconds * 1000 : 1000,
      reason,
    };
  }
  if (error.code === 403 || (error.code === 400 && GONE_400.test(error.description)))
    return { kind: "recipient_gone", reason };
  // 401 and 404 mean our token is wrong or revoked: an operator's fix, after which the same request works.
  if (error.code === 400 || error.code === 413 || error.code === 414) return { kind: "rejected", reason };
  return { kind: "unavailable", reason };
};

export interface RetryAfterPolicy {
  /** A single wait longer than this is not waited for (the caller gives up instead). */
  readonly maxWaitMs: number;
  /** Tries in all, the first included. */
  readonly attempts: number;
}

/** Answers to a person go out while they wait: a few short 429 waits are worth it, long ones are not. */
export const DIALOGUE_RETRY: RetryAfterPolicy = { maxWaitMs: 10_000, attempts: 3 };

/** Runs a call again after Telegram's retry_after, within the policy's bounds; other failures throw at once. */
export const withRetryAfter = async <T>(
  call: () => Promise<T>,
  policy: RetryAfterPolicy,
  signal?: AbortSignal,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = classifyFailure(error);
      const retry =
        failure.kind === "rate_limited" &&
        failure.retryAfterMs <= policy.maxWaitMs &&
        attempt < policy.attempts;
      if (!retry || signal?.aborted) throw error;
      await sleep(failure.retryAfterMs, signal);
      if (signal?.aborted) throw error;
    }
  }
};
