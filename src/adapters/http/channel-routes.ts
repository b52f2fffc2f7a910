import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { storageGuard } from "./storage-unavailable.js";

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

export const registerChannelRoutes = (app: FastifyInstance, channel: ChannelHttp): void => {
  for (const route of channel.routes) {
    app.route({ method: route.method, url: route.url, handler: storageGuard(route.handler) });
  }
};
