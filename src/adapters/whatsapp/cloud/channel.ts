import type { AnswerWay } from "../answers.js";
import type { WhatsAppCloudSettings } from "../config.js";
import { cloudAddressOf } from "../identity.js";
import type { WhatsAppChannelModule, WhatsAppParts } from "../parts.js";
import { linkBsuidToPhone } from "./bsuid-link.js";
import { createGraphApi, type GraphApi, GraphApiError } from "./graph-api.js";
import { incomingOfCloud } from "./incoming.js";
import { outcomeOfGraphError } from "./outcomes.js";
import { renderPrompts } from "./render.js";
import { createCloudSender } from "./sender.js";
import { createStatusHandler } from "./statuses.js";
import { cloudWebhookRoutes } from "./webhook.js";
import { createWindowGuard } from "./window.js";

/** Answers as Cloud API message bodies, addressed to the person's wa_id, or their BSUID without one. */
const cloudAnswers = (graph: GraphApi): AnswerWay => ({
  render(contactKey, lang, prompts) {
    const address = cloudAddressOf(contactKey);
    return address ? renderPrompts(prompts, lang).map((body) => ({ ...address, ...body })) : null;
  },
  send: (part, signal) => graph.sendMessage(part, signal),
  failure(error) {
    // Network failures and timeouts are worth another try; Meta's refusals by what they mean.
    if (!(error instanceof GraphApiError)) return { retry: true, afterMs: 0 };
    const outcome = outcomeOfGraphError(error);
    return outcome.kind === "retry" ? { retry: true, afterMs: outcome.afterMs ?? 0 } : { retry: false };
  },
});

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

  const { handle, answers } = parts.answering(cloudAnswers(graph));
  const onStatus = createStatusHandler({ outbox: ctx.outbox, window, clock: ctx.clock });

  return {
    http: {
      name: "whatsapp-cloud",
      routes: cloudWebhookRoutes({
        verifyToken: settings.verifyToken,
        appSecret: settings.appSecret,
        phoneNumberId: settings.phoneNumberId,
        async onMessage(message) {
          const handled = await handle(incomingOfCloud(message, graph, parts.rules.maxBytes));
          if (message.phone && message.userId) {
            const ids = { phone: message.phone, userId: message.userId };
            if ((await linkBsuidToPhone(ctx.directory, ids)) === "linked")
              log.info({ contactKey: "bsuid" }, "whatsapp: a BSUID was linked to its phone contact");
          }
          return handled;
        },
        onStatus,
        log,
      }),
    },
    sender: createCloudSender({
      graph,
      notifications: parts.notifications,
      answers,
      window,
      template: settings.template,
    }),
    readiness: [],
  };
};
