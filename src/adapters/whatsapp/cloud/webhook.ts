import type { FastifyReply, FastifyRequest } from "fastify";
import { CHANNEL_URLS, type ChannelRoute } from "../../http/channel-routes.js";
import { type CloudMessage, type CloudStatus, parseWebhook } from "./parse.js";
import { hasValidSignature, verificationChallenge } from "./signature.js";

export interface CloudWebhookDeps {
  readonly verifyToken: string;
  readonly appSecret: string;
  readonly phoneNumberId: string;
  readonly onMessage: (message: CloudMessage) => Promise<unknown>;
  readonly onStatus: (status: CloudStatus) => Promise<unknown>;
  readonly log: { warn(details: object, message: string): void };
}

/** Messages of one sender in order; different senders side by side. */
const bySender = async (messages: readonly CloudMessage[], handle: (m: CloudMessage) => Promise<unknown>) => {
  const groups = new Map<string, CloudMessage[]>();
  for (const m of messages) groups.set(m.from, [...(groups.get(m.from) ?? []), m]);
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (const m of group) await handle(m);
    }),
  );
};

/**
 * /whatsapp/webhook. GET answers Meta's verification handshake (403 on a wrong token). POST takes
 * events only with a valid X-Hub-Signature-256 over the raw body (401 otherwise, nothing read);
 * it answers 200 once every message and status is handled, so a crash or a storage outage (503)
 * makes Meta deliver the batch again, and what was already handled is skipped by message id.
 */
export const cloudWebhookRoutes = (deps: CloudWebhookDeps): ChannelRoute[] => [
  {
    method: "GET",
    url: CHANNEL_URLS.whatsappWebhook,
    async handler(request: FastifyRequest, reply: FastifyReply) {
      const challenge = verificationChallenge(
        (request.query ?? {}) as Record<string, unknown>,
        deps.verifyToken,
      );
      if (challenge === null) return reply.code(403).send({ error: "verification failed" });
      return reply.type("text/plain; charset=utf-8").send(challenge);
    },
  },
  {
    method: "POST",
    url: CHANNEL_URLS.whatsappWebhook,
    chatTurn: true,
    async handler(request: FastifyRequest, reply: FastifyReply) {
      if (!hasValidSignature(request.rawBody, request.headers["x-hub-signature-256"], deps.appSecret)) {
        return reply.code(401).send({ error: "invalid signature" });
      }
      const parsed = parseWebhook(request.body, deps.phoneNumberId);
      // Acknowledged all the same: Meta would otherwise resend for days something we will never read.
      if (!parsed) {
        deps.log.warn({}, "whatsapp: webhook body is not a WhatsApp Business Account event; ignored");
        return reply.send({ ok: true });
      }
      if (parsed.skipped > 0) deps.log.warn({ skipped: parsed.skipped }, "whatsapp: webhook items ignored");
      for (const status of parsed.statuses) await deps.onStatus(status);
      await bySender(parsed.messages, deps.onMessage);
      return reply.send({ ok: true });
    },
  },
];
