import type { Prompt } from "../../../core/conversation/index.js";
import type { Lang } from "../../../core/i18n/index.js";
import type { WhatsAppCloudSettings } from "../config.js";
import { waIdOfContactKey } from "../identity.js";
import type { WhatsAppChannelModule, WhatsAppParts } from "../parts.js";
import { createGraphApi, type GraphApi } from "./graph-api.js";
import { incomingOfCloud } from "./incoming.js";
import { renderPrompts } from "./render.js";
import { createCloudSender } from "./sender.js";
import { createStatusHandler } from "./statuses.js";
import { cloudWebhookRoutes } from "./webhook.js";
import { createWindowGuard } from "./window.js";

const sendAnswer = async (graph: GraphApi, to: string, lang: Lang, prompts: readonly Prompt[]) => {
  for (const body of renderPrompts(prompts, lang)) await graph.sendMessage({ to, ...body });
};

/**
 * WhatsApp over Meta's Cloud API: signed webhooks in, Graph API calls out. Dialogue answers go out
 * at once (the person just wrote, so the window is open); notifications go through the outbox with
 * the 24-hour window and template fallback of sender.ts.
 */
export const createCloudChannel = (
  parts: WhatsAppParts,
  settings: WhatsAppCloudSettings,
): WhatsAppChannelModule => {
  const { ctx } = parts;
  const log = ctx.logger.child({ channel: "whatsapp", transport: "cloud" });
  const graph = createGraphApi({
    baseUrl: settings.graphApiUrl,
    accessToken: settings.accessToken,
    phoneNumberId: settings.phoneNumberId,
  });
  const window = createWindowGuard({ directory: ctx.directory, receipts: ctx.receipts, clock: ctx.clock });

  const handle = parts.inbound(async (contactKey, lang, prompts) => {
    const to = waIdOfContactKey(contactKey);
    if (!to) return;
    // A failed answer is logged, not retried: the message was handled, and Meta would redeliver it as a duplicate.
    await sendAnswer(graph, to, lang, prompts).catch((error: unknown) =>
      log.warn({ err: error }, "whatsapp cloud: answer not sent"),
    );
  });
  const onStatus = createStatusHandler({ outbox: ctx.outbox, window, clock: ctx.clock });

  return {
    http: {
      name: "whatsapp-cloud",
      routes: cloudWebhookRoutes({
        verifyToken: settings.verifyToken,
        appSecret: settings.appSecret,
        phoneNumberId: settings.phoneNumberId,
        onMessage: (message) => handle(incomingOfCloud(message, graph, parts.rules.maxBytes)),
        onStatus,
        log,
      }),
    },
    sender: createCloudSender({
      graph,
      notifications: parts.notifications,
      window,
      template: settings.template,
    }),
    readiness: [],
  };
};
