import { join, resolve } from "node:path";
import { whatsappSettings } from "../../app/config/whatsapp.js";
import type { ChannelContext, ChannelFactory } from "../../app/service.js";
import { createFsBlobStore } from "../files/fs-blob-store.js";
import { createPrismaWhatsAppContacts } from "../storage/prisma/whatsapp-contacts.js";
import { createPrismaWhatsAppDeliveries } from "../storage/prisma/whatsapp-deliveries.js";
import { createPrismaOnceKeys } from "../storage/prisma/whatsapp-once-keys.js";
import type { TimerJob } from "../timers/scheduler.js";
import { createCloudChannel } from "./cloud/channel.js";
import { createInboundHandler } from "./inbound.js";
import type { MediaRules } from "./media-rules.js";
import { createNotifications } from "./notification.js";
import type { WhatsAppChannelModule, WhatsAppChannelOptions, WhatsAppParts } from "./parts.js";
import { createWebChannel } from "./web/channel.js";

const partsOf = (ctx: ChannelContext, mediaTimeoutMs: number): WhatsAppParts => {
  const { config, core } = ctx;
  const prisma = core.db.prisma;
  const deliveries = createPrismaWhatsAppDeliveries(prisma);
  const contacts = createPrismaWhatsAppContacts(prisma);
  const once = createPrismaOnceKeys(prisma);
  const rules: MediaRules = {
    maxBytes: config.ATTACHMENT_MAX_BYTES,
    allowedTypes: config.ATTACHMENT_TYPES,
    timeoutMs: mediaTimeoutMs,
  };
  const log = ctx.logger.child({ channel: "whatsapp" });
  return {
    ctx,
    deliveries,
    contacts,
    once,
    rules,
    notifications: createNotifications({
      directory: core.directory,
      engine: ctx.conversation,
      // The same content-addressed store the ticket service writes attachments to (see container.ts).
      blobs: createFsBlobStore({ root: join(resolve(config.DATA_DIR), "files") }),
      defaultLang: config.DEFAULT_LANGUAGE,
      timeZone: config.TIME_ZONE,
    }),
    inbound: (reply) =>
      createInboundHandler({
        engine: ctx.conversation,
        directory: core.directory,
        contacts,
        deliveries,
        once,
        clock: ctx.clock,
        rules,
        defaultLang: config.DEFAULT_LANGUAGE,
        reply,
        wake: ctx.wake,
        log,
      }),
  };
};

/** Meta retries a webhook for up to a week; message ids and template markers are kept twice that. */
const ONCE_KEYS_KEPT_MS = 14 * 24 * 60 * 60 * 1000;

/** Housekeeping on the timers' tick: it fires no timer, so it reports none. */
const pruneOnceKeys = (parts: WhatsAppParts): TimerJob => ({
  name: "whatsapp_once_keys",
  async run(now) {
    await parts.once.prune(new Date(now.getTime() - ONCE_KEYS_KEPT_MS));
    return 0;
  },
});

/**
 * The WhatsApp channel, on the transport WHATSAPP_TRANSPORT names: `web` (whatsapp-web.js and a linked
 * phone) or `cloud` (Meta's Cloud API); null when it is `off`. Both feed the same inbound path and
 * render the same prompts, so nothing outside this folder knows which one runs.
 */
export const createWhatsAppChannel =
  (options: WhatsAppChannelOptions = {}): ChannelFactory =>
  (ctx): WhatsAppChannelModule | null => {
    const settings = whatsappSettings(ctx.config);
    if (!settings) return null;
    const parts = partsOf(ctx, settings.mediaTimeoutMs);
    const module =
      settings.transport === "web"
        ? createWebChannel(parts, settings, options)
        : createCloudChannel(parts, settings);
    return { ...module, timerJobs: [pruneOnceKeys(parts)] };
  };
