import type { Prompt } from "../conversation/prompt.js";
import type { Lang } from "../i18n/lang.js";

/** The answer to a processed message, kept until it has gone out. */
export interface PendingAnswer {
  readonly lang: Lang;
  readonly prompts: readonly Prompt[];
}

/**
 * Remembers platform message ids for a short while, so a redelivered message is processed once.
 * Anything that creates a ticket, message or attachment also carries the id as a unique database key;
 * this window spares the conversation from answering twice, and lets a redelivery send an answer that
 * a crashed process computed but never sent. Callers hold the contact's lock around every call.
 */
export interface InboundDedupe {
  /**
   * "new" for an id not processed yet, "done" for a redelivery of a processed one. A claim left by a
   * process that died before finishing counts as new: under the contact's lock no live process can
   * still be working on it, and its message must not be lost.
   */
  claim(key: string): Promise<"new" | "done">;
  /** Forgets a claim whose processing failed, so the platform's redelivery is processed. */
  release(key: string): Promise<void>;
  /** Marks the message processed; `answer`, when given, is kept until `answered` says it went out. */
  settle(key: string, answer: PendingAnswer | null): Promise<void>;
  /** The answer to a processed message that never went out, if any. */
  pendingAnswer(key: string): Promise<PendingAnswer | null>;
  answered(key: string): Promise<void>;
}
