import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendProblem } from "./problem.js";
import type { TurnLimit } from "./turn-limit.js";

/** Where each platform delivers its webhooks; one URL per platform. */
export const CHANNEL_URLS = {
  /** Slack slash commands, interactivity and the Events API all arrive here. */
  slackEvents: "/slack/events",
  telegramWebhook: "/telegram/webhook",
  /** GET for Meta's verification handshake, POST for events. */
  whatsappWebhook: "/whatsapp/webhook",
} as const;

export interface ChannelRoute {
  readonly method: "GET" | "POST";
  readonly url: string;
  /**
   * `request.body` is parsed JSON or form fields, `request.rawBody` the exact bytes for signature
   * checks. Throwing a storage error answers 503 (the platform retries); anything else thrown is a 500.
   */
  readonly handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /** The request carries people's chat messages: it runs within the service's limit of chat turns. */
  readonly chatTurn?: boolean;
}

/**
 * How a channel adapter puts its webhooks on the service's one HTTP server: it returns routes,
 * the app registers them here. Bodies are already size-limited and parsed, storage outages are
 * mapped to 503, and latency is measured per route.
 */
export interface ChannelHttp {
  readonly name: string;
  readonly routes: readonly ChannelRoute[];
}

/** Seconds a platform is asked to wait before delivering a webhook again when the service is full. */
const BUSY_RETRY_AFTER_SECONDS = 5;

const withinTurnLimit =
  (limit: TurnLimit, handler: ChannelRoute["handler"]): ChannelRoute["handler"] =>
  async (request, reply) => {
    const done = await limit.run(() => handler(request, reply));
    if (done) return done.value;
    // Full: the platform delivers the webhook again later, which loses nothing.
    reply.header("retry-after", String(BUSY_RETRY_AFTER_SECONDS));
    return sendProblem(reply, {
      status: 503,
      code: "BUSY",
      detail: "Too many messages are waiting; deliver this one again later.",
    });
  };

export const registerChannelRoutes = (app: FastifyInstance, channel: ChannelHttp, turns: TurnLimit): void => {
  for (const route of channel.routes) {
    const handler = route.chatTurn ? withinTurnLimit(turns, route.handler) : route.handler;
    app.route({ method: route.method, url: route.url, handler });
  }
};
