import { systemClock } from "../../core/ports/clock.js";
import { type ChannelModule, defineChannel } from "../channel.js";
import { createAgentAccess } from "./access.js";
import { createAgentHandlers } from "./agent-handlers.js";
import { createSlackApp } from "./app.js";
import { createBotIdentity, isBadToken } from "./bot-identity.js";
import { createSlackClients } from "./clients.js";
import { createCommandHandlers } from "./command-handlers.js";
import { slackConfig, slackSettings } from "./config.js";
import { createDeliveryReactions } from "./delivery-reactions.js";
import { agentChannels, type SlackDeps } from "./deps.js";
import { createDmHandlers } from "./dm-handlers.js";
import { describeSlackError } from "./errors.js";
import { createFileDownloader } from "./files.js";
import { createFormHandlers } from "./form-handlers.js";
import { createHomeHandlers } from "./home-handlers.js";
import { createKbFormHandlers } from "./kb-form-handlers.js";
import { createPeople } from "./people.js";
import { createSlackHttpReceiver } from "./receiver.js";
import { createRequesterIo } from "./requester-io.js";
import { createDmOpener } from "./requester-sender.js";
import { createRequesters } from "./requesters.js";
import { createSlackSender } from "./sender.js";
import { slackThreads } from "./threads.js";
import { createMergeHandlers } from "./tools/merge.js";
import { createOwnershipHandlers } from "./tools/ownership.js";
import { createSavedReplyHandlers } from "./tools/saved-replies.js";
import { createTagHandlers } from "./tools/tags.js";

export class SlackStartError extends Error {
  override readonly name = "SlackStartError";
}

/**
 * The Slack channel: internal requesters (/ticket, the form, :ticket:, DM threads), the agents'
 * channel (root messages, thread replies relayed to requesters, notes, buttons) and App Home.
 * Off while SLACK_BOT_TOKEN is unset.
 */
export const slackChannel = defineChannel({
  name: "slack",
  config: slackConfig,
  settings: slackSettings,
  async create(ctx): Promise<ChannelModule> {
    const { settings, shared } = ctx;
    const logger = ctx.logger.child({ channel: "slack" });
    const clients = createSlackClients({ token: settings.botToken, apiUrl: settings.apiUrl, logger });
    const bot = createBotIdentity(clients.interactive);
    try {
      await bot();
    } catch (error) {
      if (isBadToken(error))
        throw new SlackStartError(`Slack refused SLACK_BOT_TOKEN (${describeSlackError(error)})`, {
          cause: error,
        });
      // Slack unreachable right now: the channel starts anyway and asks again on the first request.
      logger.warn({ err: error }, "slack: could not reach Slack at start");
    }
    const deps: SlackDeps = {
      settings,
      shared,
      service: ctx.service,
      tools: ctx.tools,
      tickets: ctx.tickets,
      directory: ctx.directory,
      taxonomy: shared.taxonomy,
      outbox: ctx.outbox,
      receipts: ctx.receipts,
      threads: slackThreads(ctx.links),
      clients,
      people: createPeople({ client: clients.interactive, clock: ctx.clock, logger }),
      access: createAgentAccess({
        client: clients.interactive,
        source: settings.agentUsergroup
          ? { kind: "usergroup", id: settings.agentUsergroup }
          : { kind: "channels", channels: agentChannels(settings) },
        clock: ctx.clock,
        logger,
      }),
      files: createFileDownloader({
        token: settings.botToken,
        apiUrl: settings.apiUrl,
        maxBytes: shared.attachments.maxBytes,
      }),
      blobs: ctx.blobs,
      ...(ctx.knowledge ? { knowledge: ctx.knowledge } : {}),
      clock: ctx.clock,
      logger,
      bot,
      reports: ctx.reports,
      contacts: ctx.contacts,
      ...(ctx.webLinks ? { webLinks: ctx.webLinks } : {}),
      async slaCounts() {
        const counts = await ctx.slaCounts({});
        return {
          atRisk: counts.firstResponseWarned + counts.resolutionWarned,
          breached: counts.firstResponseBreached + counts.resolutionBreached,
        };
      },
    };
    const openDm = createDmOpener(deps);
    const reactions = createDeliveryReactions({ client: clients.interactive, logger });
    ctx.outbox.onSettled((settlement) => {
      reactions
        .settled(settlement)
        .catch((error: unknown) => logger.warn({ err: error }, "slack: delivery reaction not updated"));
    });
    const requesters = createRequesters(deps);
    const io = createRequesterIo(deps, openDm);
    const forms = createFormHandlers(deps, requesters, io);
    const ownership = createOwnershipHandlers(deps);
    const handlers = {
      agents: createAgentHandlers(deps, reactions, ownership),
      ownership,
      savedReplies: createSavedReplyHandlers(deps),
      tags: createTagHandlers(deps),
      merge: createMergeHandlers(deps),
      forms,
      kbForms: createKbFormHandlers(deps, requesters, io),
      commands: createCommandHandlers(deps, requesters, io, forms.openForm),
      dm: createDmHandlers(deps, requesters, io),
      home: createHomeHandlers(deps, requesters),
    };

    // Socket Mode when an app token is set (development); otherwise requests come to POST /slack/events.
    const receiver = settings.appToken
      ? null
      : // Signatures are judged by the real clock: a clock moved for timers must not reject Slack's requests.
        createSlackHttpReceiver({ signingSecret: settings.signingSecret!, clock: systemClock, logger });
    const app = createSlackApp(deps, handlers, {
      ...(receiver ? { receiver } : {}),
      logger,
      onInbound: () => ctx.metrics.inboundMessage("SLACK"),
    });
    logger.info(
      { mode: receiver ? "http" : "socket", agentChannels: agentChannels(settings) },
      "slack: ready",
    );

    return {
      ...(receiver ? { http: receiver.http } : {}),
      sender: createSlackSender(deps, openDm),
      isAgent: (user: string) => deps.access.isAgent(user),
      async start() {
        if (!receiver) await app.start();
      },
      async stop() {
        if (receiver) await receiver.drain(shared.shutdownTimeoutMs / 2);
        else await app.stop();
      },
    };
  },
});
