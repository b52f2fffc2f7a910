import { createHash, timingSafeEqual } from "node:crypto";
import { CHANNEL_URLS, type ChannelHttp } from "../http/channel-routes.js";
import { sendProblem } from "../http/problem.js";

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();

/**
 * Compares in constant time: both sides are hashed first, so neither the content nor the length of
 * the configured secret leaks through timing.
 */
export const secretMatches = (expected: string, given: unknown): boolean =>
  typeof given === "string" && timingSafeEqual(digest(expected), digest(given));

export interface TelegramWebhookOptions {
  readonly secret: string;
  /** Processes one update; throwing makes the route fail, so Telegram delivers the update again. */
  readonly handleUpdate: (update: unknown) => Promise<void>;
}

/**
 * POST /telegram/webhook on the service's HTTP server. Only requests carrying the secret set with
 * setWebhook are read; anything else gets 401 before the body is looked at. The update is processed
 * before answering, so a failure (storage down) is answered 5xx and Telegram retries it.
 */
export const telegramWebhook = (options: TelegramWebhookOptions): ChannelHttp => ({
  name: "telegram",
  routes: [
    {
      method: "POST",
      url: CHANNEL_URLS.telegramWebhook,
      chatTurn: true,
      async handler(request, reply) {
        if (!secretMatches(options.secret, request.headers[SECRET_HEADER])) {
          request.log.warn("telegram webhook: missing or wrong secret token");
          return sendProblem(reply, {
            status: 401,
            code: "BAD_WEBHOOK_SECRET",
            detail: "The secret token header is missing or wrong.",
          });
        }
        await options.handleUpdate(request.body);
        return reply.code(200).send({ ok: true });
      },
    },
  ],
});
