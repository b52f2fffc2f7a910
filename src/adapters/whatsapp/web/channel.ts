import { randomUUID } from "node:crypto";
import { renderAsText } from "../../../core/conversation/index.js";
import { WHATSAPP_WEB_RATE_LIMITS } from "../../outbox/rate-limiter.js";
import type { WhatsAppWebSettings } from "../config.js";
import { chatOfContactKey } from "../identity.js";
import { createKeyedQueue } from "../keyed-queue.js";
import type { WhatsAppChannelModule, WhatsAppChannelOptions, WhatsAppParts } from "../parts.js";
import { splitText } from "../prompt-forms.js";
import type { WebClientEvent } from "./client.js";
import { incomingOfWeb, receiptOfAck } from "./messages.js";
import { printQr, qrRoute } from "./qr.js";
import { createRealWebClient } from "./real-client.js";
import { createWebSender } from "./sender.js";
import { createWebSession } from "./session.js";

const RECONNECT_DELAY_MS = 5000;
/** How soon a queued answer is tried again while this instance's session cannot send. */
const NOT_READY_RETRY_MS = 2000;

class SessionNotReadyError extends Error {
  override readonly name = "SessionNotReadyError";
  constructor(state: string) {
    super(`whatsapp web is ${state} on this instance`);
  }
}

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

  // Answers go out on the session that received the message, as numbered text; while it cannot send
  // (linking, reconnecting) they wait in the outbox.
  const { handle, answers } = parts.answering({
    render(contactKey, _lang, prompts) {
      const chatId = chatOfContactKey(contactKey);
      return chatId
        ? prompts.flatMap((prompt) => splitText(renderAsText(prompt)).map((text) => ({ chatId, text })))
        : null;
    },
    async send(part) {
      const client = session.client();
      if (!client) throw new SessionNotReadyError(session.state());
      return client.sendText(String(part.chatId), String(part.text));
    },
    failure: (error) => ({
      retry: true,
      afterMs: error instanceof SessionNotReadyError ? NOT_READY_RETRY_MS : 0,
    }),
  });

  return {
    http: {
      name: "whatsapp-web",
      routes: [qrRoute({ adminToken: settings.adminToken, state: session.state, qr: session.qr })],
    },
    sender: createWebSender({ session, notifications: parts.notifications, answers }),
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
