import type { ChannelContext, ChannelModule } from "../channel.js";
import type { ReadinessCheck } from "../http/health.js";
import type { AnswerWay, WhatsAppAnswers } from "./answers.js";
import type { WhatsAppSettings } from "./config.js";
import type { InboundHandler } from "./inbound.js";
import type { MediaRules } from "./media-rules.js";
import type { Notifications } from "./notification.js";
import type { WhatsAppWebClientFactory } from "./web/client.js";

/** A channel module that also reports its own readiness (the WhatsApp Web session state). */
export interface WhatsAppChannelModule extends ChannelModule {
  readonly readiness: readonly ReadinessCheck[];
}

/** What both transports share: the ports, the notification words and the inbound path. */
export interface WhatsAppParts {
  readonly ctx: ChannelContext<WhatsAppSettings>;
  readonly notifications: Notifications;
  readonly rules: MediaRules;
  /** The inbound path and the answers, in the transport's own message format. */
  answering(way: AnswerWay): { readonly handle: InboundHandler; readonly answers: WhatsAppAnswers };
}

export interface WhatsAppChannelOptions {
  /** Replaces the real whatsapp-web.js client (tests drive a fake that emits the same events). */
  readonly webClient?: WhatsAppWebClientFactory;
  /** Pause before a new WhatsApp Web client starts after a disconnection. */
  readonly reconnectDelayMs?: number;
  /** Where the QR code is shown; printed on stdout by default. */
  readonly showQr?: (qr: string) => void;
}
