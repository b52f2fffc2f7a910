import type { Prompt } from "../../core/conversation/index.js";
import type { Lang } from "../../core/i18n/index.js";
import { type ChannelContext, defineChannel } from "../channel.js";
import { type AnswerWay, createWhatsAppAnswers, INLINE_ANSWER_TIMEOUT_MS } from "./answers.js";
import { createCloudChannel } from "./cloud/channel.js";
import { type WhatsAppSettings, whatsappConfig, whatsappSettings } from "./config.js";
import { createInboundHandler } from "./inbound.js";
import type { MediaRules } from "./media-rules.js";
import { createNotifications } from "./notification.js";
import { messageReceipts } from "./once.js";
import type { WhatsAppChannelOptions, WhatsAppParts } from "./parts.js";
import { createWebChannel } from "./web/channel.js";

/** Sentences outside a turn: sent once, in order, and dropped at the first part that does not go out. */
const sayOnce = async (
  way: AnswerWay,
  contactKey: string,
  lang: Lang,
  prompts: readonly Prompt[],
  log: { warn(details: object, message: string): void },
) => {
  try {
    for (const part of way.render(contactKey, lang, prompts) ?? [])
      await way.send(part, AbortSignal.timeout(INLINE_ANSWER_TIMEOUT_MS));
  } catch (error) {
    log.warn({ err: error }, "whatsapp: a message was not sent");
  }
};

const partsOf = (ctx: ChannelContext<WhatsAppSettings>): WhatsAppParts => {
  const { shared } = ctx;
  const rules: MediaRules = {
    maxBytes: shared.attachments.maxBytes,
    allowedTypes: shared.attachments.allowedTypes,
    timeoutMs: ctx.settings.mediaTimeoutMs,
  };
  const log = ctx.logger.child({ channel: "whatsapp" });
  const receipts = messageReceipts(ctx.receipts);
  return {
    ctx,
    rules,
    notifications: createNotifications({
      directory: ctx.directory,
      engine: ctx.engine,
      blobs: ctx.blobs,
      defaultLang: shared.defaultLang,
      timeZone: shared.timeZone,
    }),
    answering(way) {
      const answers = createWhatsAppAnswers({
        way,
        outbox: ctx.outbox,
        writer: ctx.outboxWriter,
        clock: ctx.clock,
        log,
      });
      const handle = createInboundHandler({
        engine: ctx.engine,
        directory: ctx.directory,
        outbox: ctx.outbox,
        receipts,
        clock: ctx.clock,
        rules,
        defaultLang: shared.defaultLang,
        answers,
        say: (contactKey, lang, prompts) => sayOnce(way, contactKey, lang, prompts, log),
        log,
      });
      return { handle, answers };
    },
  };
};

/**
 * The WhatsApp channel, on the transport WHATSAPP_TRANSPORT names: `web` (whatsapp-web.js and a linked
 * phone) or `cloud` (Meta's Cloud API); off when it is `off`. Both feed the same inbound path and
 * render the same prompts, so nothing outside this folder knows which one runs.
 */
export const whatsappChannel = (options: WhatsAppChannelOptions = {}) =>
  defineChannel({
    name: "whatsapp",
    config: whatsappConfig,
    settings: whatsappSettings,
    create(ctx) {
      const parts = partsOf(ctx);
      const { settings } = ctx;
      return settings.transport === "web"
        ? createWebChannel(parts, settings, options)
        : createCloudChannel(parts, settings);
    },
  });
