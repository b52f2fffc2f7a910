import { join, resolve } from "node:path";
import { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import { telegramSettings } from "../../app/config/telegram.js";
import type { ChannelFactory } from "../../app/service.js";
import { createFsBlobStore } from "../files/fs-blob-store.js";
import { callBot } from "./api.js";
import { createChatIndex } from "./chat-ids.js";
import { registerCommands } from "./commands.js";
import { createDialogue } from "./dialogue.js";
import { createFileFetcher } from "./files.js";
import { startPolling } from "./polling.js";
import { createTelegramSender } from "./send.js";
import { createUpdateReceipts, receiptPruningJob } from "./update-receipts.js";
import { updateIdOf } from "./update-schema.js";
import { telegramWebhook } from "./webhook.js";

/** Start-up calls to Telegram (who am I, the command menu) must not hold the service up for long. */
const STARTUP_TIMEOUT_MS = 10_000;

/**
 * The Telegram channel: suppliers open and follow tickets by chatting with the bot. Off (null) while
 * TELEGRAM_BOT_TOKEN is unset. Updates come by webhook (POST /telegram/webhook) or long polling and go
 * through telegraf's `handleUpdate` to the dialogue; notifications go out through the outbox sender.
 */
export const createTelegramChannel: ChannelFactory = (ctx) => {
  const settings = telegramSettings(ctx.config);
  if (!settings) return null;
  const { config, logger } = ctx;
  const log = logger.child({ channel: "telegram" });
  const polling = settings.mode === "polling";

  // telegraf's own webhook server and webhook replies stay off: updates arrive through our route, answers by HTTP calls.
  const bot = new Telegraf(settings.token, { telegram: { apiRoot: settings.apiRoot, webhookReply: false } });
  const client = bot.telegram;
  const botId = settings.token.split(":")[0]!;
  const receipts = createUpdateReceipts(ctx.core.db.prisma, `telegram:${botId}:update:`);
  const chats = createChatIndex();
  const dialogue = createDialogue({
    client,
    engine: ctx.conversation,
    directory: ctx.core.directory,
    receipts,
    files: createFileFetcher({ client, maxBytes: config.ATTACHMENT_MAX_BYTES }),
    chats,
    defaultLang: config.DEFAULT_LANGUAGE,
    clock: ctx.clock,
    logger: log,
    onInbound: () => ctx.metrics.inboundMessage("TELEGRAM"),
  });

  // Polling hands over a batch at once; one at a time keeps each person's messages in the order sent.
  let queue: Promise<unknown> = Promise.resolve();
  bot.use((tctx) => {
    const identity = { id: tctx.botInfo.id, username: tctx.botInfo.username };
    const run = () => dialogue.handle(tctx.update, identity);
    if (!polling) return run();
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  });
  bot.catch((error, tctx) => {
    // A webhook failure goes back to the route (5xx, Telegram retries); a polled update cannot be redelivered.
    if (!polling) throw error;
    log.error({ err: error, updateId: tctx.update.update_id }, "telegram: update failed");
  });

  let poller: ReturnType<typeof startPolling> | undefined;

  return {
    http: polling
      ? undefined
      : telegramWebhook({
          secret: settings.webhookSecret!,
          async handleUpdate(body) {
            if (updateIdOf(body) === null) {
              log.warn("telegram webhook: a body without update_id was ignored");
              return;
            }
            await bot.handleUpdate(body as Update);
          },
        }),
    sender: createTelegramSender({
      client,
      engine: ctx.conversation,
      directory: ctx.core.directory,
      blobs: createFsBlobStore({ root: join(resolve(config.DATA_DIR), "files") }),
      chats,
      defaultLang: config.DEFAULT_LANGUAGE,
      timeZone: config.TIME_ZONE,
    }),
    timerJobs: [receiptPruningJob(receipts)],

    async start() {
      try {
        const signal = AbortSignal.timeout(STARTUP_TIMEOUT_MS);
        bot.botInfo = await callBot(client, "getMe", {}, signal);
        await registerCommands(client, config.DEFAULT_LANGUAGE, signal);
        log.info({ bot: bot.botInfo.username, mode: settings.mode }, "telegram: bot ready");
      } catch (error) {
        // Telegram unreachable right now: the first update asks getMe again, the menu waits for the next start.
        log.warn({ err: error }, "telegram: could not reach the Bot API at start");
      }
      if (polling) poller = startPolling(bot, log);
    },

    async stop() {
      await poller?.stop();
    },
  };
};
