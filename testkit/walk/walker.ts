/**
 * A supplier walking a chat flow, whatever the channel: each step is one webhook request, and the
 * bot's answers are read back from the fake platform API. Telegram and WhatsApp Cloud implement it
 * (telegram-walker.ts, whatsapp-walk.ts), so one loop can drive both.
 */

/** A webhook call exactly as the platform makes it: a redelivery sends these same bytes again. */
export interface WebhookRequest {
  /** The platform's id of what was sent (Telegram update_id, WhatsApp wamid), for logs and checks. */
  readonly id: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The bot's messages to each supplier, as the fake platform API recorded them, by supplier number. */
export interface Inbox {
  /** Messages the supplier has received so far. */
  count(supplier: number): number;
  /** When (Date.now() clock) the supplier's message number `index`, from 0, arrived. */
  arrivedAt(supplier: number, index: number): number;
  /** Resolves once the supplier has `count` messages in all; rejects after `timeoutMs`. */
  waitFor(supplier: number, count: number, timeoutMs: number): Promise<void>;
}

export interface Walker {
  readonly channel: "telegram" | "whatsapp";
  /** Steps in the walk. */
  readonly steps: number;
  readonly inbox: Inbox;
  /**
   * The request for a supplier's step, with fresh platform ids; a tap answers the newest buttons or
   * list the bot showed that supplier, so it must be built after the previous answer arrived.
   */
  request(supplier: number, step: number): WebhookRequest;
  /** What the supplier read from the bot so far, oldest first. */
  received(supplier: number): string[];
  /** The supplier's id on the platform, as stored in contact.platform_user_id. */
  contactKey(supplier: number): string;
  close(): void;
}

/** Delivers one webhook request somewhere; throws when it was not accepted. */
export type Send = (request: WebhookRequest) => Promise<void>;

/** A webhook answered with a non-2xx status (the platform would deliver it again). */
export class WebhookRefused extends Error {
  override readonly name = "WebhookRefused";
  constructor(readonly status: number) {
    super(`webhook answered ${status}`);
  }
}

/** POSTs requests to one service; a non-2xx answer throws WebhookRefused, a dead connection its own error. */
export const postTo =
  (baseUrl: string): Send =>
  async (request) => {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...request.headers },
      body: request.body,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new WebhookRefused(response.status);
  };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Delivers a request the way the platforms do: a refusal (non-2xx) or a cut connection is
 * delivered again after a pause, with the same update id, until it is accepted. `onRefused` hears
 * each failed attempt (status 0 for a connection that failed).
 */
export const deliverUntilAccepted = async (
  send: Send,
  request: WebhookRequest,
  redeliverAfterMs: number,
  onRefused: (status: number) => void = () => {},
): Promise<void> => {
  for (;;) {
    try {
      await send(request);
      return;
    } catch (error) {
      onRefused(error instanceof WebhookRefused ? error.status : 0);
      await sleep(redeliverAfterMs);
    }
  }
};

/** `send`, redelivering as the platforms do (see deliverUntilAccepted). */
export const redelivering =
  (send: Send, redeliverAfterMs: number, onRefused?: (status: number) => void): Send =>
  (request) =>
    deliverUntilAccepted(send, request, redeliverAfterMs, onRefused);

/**
 * Walks one supplier through the flow alone and counts the bot's messages per step (a step is over
 * once the chat has been quiet for `quietMs`), so timed walks know when each answer is complete.
 */
export const calibrate = async (
  walker: Walker,
  send: Send,
  supplier: number,
  options: { timeoutMs: number; quietMs: number },
): Promise<number[]> => {
  const { inbox } = walker;
  const counts: number[] = [];
  for (let step = 0; step < walker.steps; step++) {
    const before = inbox.count(supplier);
    await send(walker.request(supplier, step));
    await inbox.waitFor(supplier, before + 1, options.timeoutMs);
    let seen = inbox.count(supplier);
    for (;;) {
      await sleep(options.quietMs);
      if (inbox.count(supplier) === seen) break;
      seen = inbox.count(supplier);
    }
    counts.push(seen - before);
  }
  return counts;
};
