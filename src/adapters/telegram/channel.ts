import { Telegraf } from "telegraf";
import { type ChannelModule, defineChannel } from "../channel.js";
import { createTelegramAnswers } from "./answers.js";
import { callBot } from "./api.js";
import { botIdentity } from "./bot-identity.js";
import { createChatIndex } from "./chat-ids.js";
import { registerCommands } from "./commands.js";
import { telegramConfig, telegramSettings } from "./config.js";
import { createDialogue } from "./dialogue.js";
import { createFileFetcher } from "./files.js";
import { startPolling } from "./polling.js";
import { createTelegramSender } from "./send.js";
import { updateReceipts } from "./update-receipts.js";
import { updateIdOf } from "./update-schema.js";
import { telegramWebhook } from "./webhook.js";

/** Start-up calls to Telegram (who am I, the command menu) must not hold the service up for long. */
const STARTUP_TIMEOUT_MS = 10_000;

/**
 * The Telegram channel: suppliers open and follow tickets by chatting with the bot. Off while
 * TELEGRAM_BOT_TOKEN is unset. Updates come by webhook (POST /telegram/webhook, straight to the
 * dialogue) or long polling (through telegraf, one at a time); notifications go out through the
 * outbox sender.
 */
export const telegramChannel = defineChannel({
  name: "telegram",
  config: telegramConfig,
  settings: telegramSettings,
  create(ctx): ChannelModule {
    const { settings, shared } = ctx;
    const log = ctx.logger.child({ channel: "telegram" });
    const polling = settings.mode === "polling";

    // telegraf's own webhook server and webhook replies stay off: updates arrive through our route, answers by HTTP calls.
    const bot = new Telegraf(settings.token, {
      telegram: { apiRoot: settings.apiRoot, webhookReply: false },
    });
    const client = bot.telegram;
    const botId = settings.token.split(":")[0]!;
    const chats = createChatIndex();
    const dialogue = createDialogue({
      client,
      engine: ctx.engine,
      directory: ctx.directory,
      receipts: updateReceipts(ctx.receipts, botId),
      answers: createTelegramAnswers({
        client,
        outbox: ctx.outbox,
        writer: ctx.outboxWriter,
        clock: ctx.clock,
        logger: log,
      }),
      files: createFileFetcher({ client, maxBytes: shared.attachments.maxBytes }),
      chats,
      defaultLang: shared.defaultLang,
      clock: ctx.clock,
      logger: log,
      onInbound: () => ctx.metrics.inboundMessage("TELEGRAM"),
    });

    // Polling hands over a batch at once; one at a time keeps each person's messages in the order sent.
    let queue: Promise<unknown> = Promise.resolve();
    bot.use((tctx) => {
      const identity = { id: tctx.botInfo.id, username: tctx.botInfo.username };
      const next = queue.then(() => dialogue.handle(tctx.update, identity));
      queue = next.catch(() => undefined);
      return next;
    });
    bot.catch((error, tctx) => {
      // A polled update cannot be redelivered: logged, and the next one is taken.
      log.error({ err: error, updateId: tctx.update.update_id }, "telegram: update failed");
    });
    const identity = botIdentity(bot, log);

    let poller: ReturnType<typeof startPolling> | undefined;

    return {
      ...(polling
        ? {}
        : {
            http: telegramWebhook({
              secret: settings.webhookSecret!,
              async handleUpdate(body) {
                if (updateIdOf(body) === null) {
                  log.warn("telegram webhook: a body without update_id was ignored");
                  return;
                }
                // Straight to the dialogue: telegraf's context and middleware add nothing on this path.
                await dialogue.handle(body, await identity());
              },
            }),
          }),
      sender: createTelegramSender({
        client,
        engine: ctx.engine,
        directory: ctx.directory,
        blobs: ctx.blobs,
        chats,
        defaultLang: shared.defaultLang,
        timeZone: shared.timeZone,
      }),

      async start() {
        try {
          const signal = AbortSignal.timeout(STARTUP_TIMEOUT_MS);
          bot.botInfo = await callBot(client, "getMe", {}, signal);
          await registerCommands(client, shared.defaultLang, signal);
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
  },
});
