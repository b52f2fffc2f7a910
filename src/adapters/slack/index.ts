import { join, resolve } from "node:path";
import { slaPolicyOf } from "../../app/config/service.js";
import { slackSettings } from "../../app/config/slack.js";
import type { ChannelFactory } from "../../app/service.js";
import { systemClock } from "../../core/ports/clock.js";
import { createFsBlobStore } from "../files/fs-blob-store.js";
import { createSlackThreadStore } from "../storage/prisma/slack-threads.js";
import { createPrismaTimerQueries } from "../storage/prisma/timer-queries.js";
import { createAgentAccess } from "./access.js";
import { createAgentHandlers } from "./agent-handlers.js";
import { createSlackApp } from "./app.js";
import { createBotIdentity, isBadToken } from "./bot-identity.js";
import { createSlackClients } from "./clients.js";
import { createCommandHandlers } from "./command-handlers.js";
import { createDeliveryReactions } from "./delivery-reactions.js";
import { agentChannels, type SlackDeps } from "./deps.js";
import { createDmHandlers } from "./dm-handlers.js";
import { describeSlackError } from "./errors.js";
import { EVENT_CLAIM_PREFIX } from "./event-dedupe.js";
import { createFileDownloader } from "./files.js";
import { createFormHandlers } from "./form-handlers.js";
import { createHomeHandlers } from "./home-handlers.js";
import { createPeople } from "./people.js";
import { createPoller } from "./poller.js";
import { createSlackHttpReceiver } from "./receiver.js";
import { createMemoryRelayLog, createRedisRelayLog } from "./relay-log.js";
import { createRequesterIo } from "./requester-io.js";
import { createDmOpener } from "./requester-sender.js";
import { createRequesters } from "./requesters.js";
import { createSlackSender } from "./sender.js";

/** How often delivery reactions on agents' replies are brought up to date. */
const REACTIONS_EVERY_MS = 3_000;
/** Handled-event claims are kept long past Slack's last retry (about an hour), then pruned. */
const CLAIMS_KEPT_MS = 7 * 24 * 60 * 60_000;

export class SlackStartError extends Error {
  override readonly name = "SlackStartError";
}

/**
 * The Slack channel: internal requesters (/ticket, the form, :ticket:, DM threads), the agents'
 * channel (root messages, thread replies relayed to requesters, notes, buttons) and App Home.
 * Off (null) while SLACK_BOT_TOKEN is unset.
 */
export const createSlackChannel: ChannelFactory = async (ctx) => {
  const settings = slackSettings(ctx.config);
  if (!settings) return null;
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
  const store = createSlackThreadStore(ctx.core.db.prisma);
  const timerQueries = createPrismaTimerQueries(ctx.core.db.prisma);
  const deps: SlackDeps = {
    settings,
    config: ctx.config,
    service: ctx.core.service,
    tickets: ctx.core.tickets,
    directory: ctx.core.directory,
    taxonomy: ctx.core.taxonomy,
    outbox: ctx.outbox,
    store,
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
      maxBytes: ctx.config.ATTACHMENT_MAX_BYTES,
    }),
    // The same content-addressed store the ticket service writes attachments to (see src/app/container.ts).
    blobs: createFsBlobStore({ root: join(resolve(ctx.config.DATA_DIR), "files") }),
    relays: ctx.redis ? createRedisRelayLog(ctx.redis, ctx.config.REDIS_KEY_PREFIX) : createMemoryRelayLog(),
    clock: ctx.clock,
    logger,
    sla: slaPolicyOf(ctx.config),
    bot,
    async slaCounts() {
      const counts = await timerQueries.slaCounts({});
      return {
        atRisk: counts.firstResponseWarned + counts.resolutionWarned,
        breached: counts.firstResponseBreached + counts.resolutionBreached,
      };
    },
  };
  const openDm = createDmOpener(deps);
  const reactions = createDeliveryReactions({
    client: clients.interactive,
    store,
    relays: deps.relays,
    clock: ctx.clock,
    logger,
  });
  const requesters = createRequesters(deps);
  const io = createRequesterIo(deps, openDm);
  const forms = createFormHandlers(deps, requesters, io);
  const handlers = {
    agents: createAgentHandlers(deps, reactions),
    forms,
    commands: createCommandHandlers(deps, requesters, io, forms.openForm),
    dm: createDmHandlers(deps, requesters, io),
    home: createHomeHandlers(deps, requesters),
  };

  // Socket Mode when an app token is set (development); otherwise requests come to POST /slack/events.
  const receiver = settings.appToken
    ? null
    : createSlackHttpReceiver({ signingSecret: settings.signingSecret!, clock: systemClock, logger });
  const app = createSlackApp(deps, handlers, {
    ...(receiver ? { receiver } : {}),
    logger,
    onInbound: () => ctx.metrics.inboundMessage("SLACK"),
  });
  const poller = createPoller("delivery-reactions", () => reactions.refresh(), REACTIONS_EVERY_MS, logger);
  logger.info({ mode: receiver ? "http" : "socket", agentChannels: agentChannels(settings) }, "slack: ready");

  return {
    ...(receiver ? { http: receiver.http } : {}),
    sender: createSlackSender(deps, openDm),
    timerJobs: [
      {
        name: "slack_event_claims",
        async run(now) {
          await store.pruneClaims(EVENT_CLAIM_PREFIX, new Date(now.getTime() - CLAIMS_KEPT_MS));
          return 0;
        },
      },
    ],
    async start() {
      if (!receiver) await app.start();
      poller.start();
    },
    async stop() {
      await poller.stop();
      if (receiver) await receiver.drain(ctx.config.SHUTDOWN_TIMEOUT_MS / 2);
      else await app.stop();
    },
  };
};
