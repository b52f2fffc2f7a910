import { randomUUID } from "node:crypto";
import { WHATSAPP_WEB_RATE_LIMITS } from "../../outbox/rate-limiter.js";
import type { WhatsAppWebSettings } from "../config.js";
import { chatOfContactKey } from "../identity.js";
import { createKeyedQueue } from "../keyed-queue.js";
import type { WhatsAppChannelModule, WhatsAppChannelOptions, WhatsAppParts } from "../parts.js";
import type { WebClientEvent } from "./client.js";
import { incomingOfWeb, receiptOfAck } from "./messages.js";
import { printQr, qrRoute } from "./qr.js";
import { createRealWebClient } from "./real-client.js";
import { createWebSender, sendOverWeb } from "./sender.js";
import { createWebSession } from "./session.js";

const RECONNECT_DELAY_MS = 5000;

/**
 * WhatsApp over WhatsApp Web: one instance (the lease holder) drives a linked phone through
 * whatsapp-web.js; messages go through the shared inbound path, answers and notifications are sent
 * as numbered text, and acks become receipts on the delivered outbox items.
 */
export const createWebChannel = (
  parts: WhatsAppParts,
  settings: WhatsAppWebSettings,
  options: WhatsAppChannelOptions,
): WhatsAppChannelModule => {
  const { ctx } = parts;
  const log = ctx.logger.child({ channel: "whatsapp", transport: "web" });
  const lease = ctx.leases.lease("whatsapp-web:session", {
    owner: `${ctx.shared.instanceId}:${randomUUID()}`,
    ttlMs: settings.lockTtlMs,
  });
  const chats = createKeyedQueue();

  const onEvent = (event: Extract<WebClientEvent, { type: "message" | "ack" }>) => {
    if (event.type === "ack") {
      const receipt = receiptOfAck(event.ack);
      if (receipt)
        ctx.outbox
          .recordReceipt("WHATSAPP", event.messageId, receipt)
          .catch((error: unknown) => log.warn({ err: error }, "whatsapp web: could not record an ack"));
      return;
    }
    const incoming = incomingOfWeb(event.message);
    if (!incoming) return;
    chats
      .run(incoming.contactKey, () => handle(incoming))
      .catch((error: unknown) =>
        log.error({ err: error, messageId: incoming.messageId }, "whatsapp web: message not handled"),
      );
  };

  const session = createWebSession({
    lease,
    createClient:
      options.webClient ??
      (() => createRealWebClient({ dataDir: ctx.shared.stateDir, chromiumPath: settings.chromiumPath })),
    onEvent,
    showQr: options.showQr ?? ((qr) => printQr(qr)),
    log,
    leaseTtlMs: settings.lockTtlMs,
    reconnectDelayMs: options.reconnectDelayMs ?? RECONNECT_DELAY_MS,
  });

  // Answers go out directly on the session that received the message; a failed answer is logged, not retried.
  const handle = parts.inbound(async (contactKey, _lang, prompts) => {
    const client = session.client();
    const chatId = chatOfContactKey(contactKey);
    if (!client || !chatId)
      return log.warn({ state: session.state() }, "whatsapp web: answer not sent, the session is not ready");
    await sendOverWeb(client, chatId, { prompts, files: [] }).catch((error: unknown) =>
      log.warn({ err: error }, "whatsapp web: answer not sent"),
    );
  });

  return {
    http: {
      name: "whatsapp-web",
      routes: [qrRoute({ adminToken: settings.adminToken, state: session.state, qr: session.qr })],
    },
    sender: createWebSender({ session, notifications: parts.notifications }),
    rateLimits: WHATSAPP_WEB_RATE_LIMITS,
    readiness: [
      {
        name: "whatsapp",
        // A standby instance is ready: it serves everything but the phone, which another instance drives.
        async check() {
          const state = session.state();
          if (state !== "ready" && state !== "standby") throw new Error(`whatsapp web is ${state}`);
        },
      },
    ],
    start: () => session.start(),
    async stop() {
      // Messages under way are answered while the client is still up.
      await chats.drain();
      await session.stop();
    },
  };
};
