import { createSlackChannel } from "../../src/adapters/slack/index.js";
import { createTelegramChannel } from "../../src/adapters/telegram/channel.js";
import { type RunningService, startService } from "../../src/app/service.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../test/support/fake-slack-api.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../../test/support/fake-telegram-api.js";
import { testConfig } from "../../test/support/spawn-service.js";
import type { ScenarioContext } from "../scenario.js";
import { type BotInbox, createBotInbox } from "./bot-inbox.js";
import { benchPrefix, deleteKeys } from "./redis-keys.js";
import { SLACK_BOT_TOKEN, slackEnv } from "./slack-ack.js";

const TOKEN = "7000000001:AAF-fake-token-for-the-bench_0123456789";
const SECRET = "bench-webhook-secret_0123";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** POSTs one Telegram update as Telegram does, secret header included; a non-2xx answer throws. */
export const postUpdate = async (url: string, update: unknown): Promise<void> => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [SECRET_HEADER]: SECRET },
    body: JSON.stringify(update),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
};

export interface ChatService {
  readonly service: RunningService;
  readonly telegram: FakeTelegramApi;
  readonly slack: FakeSlackApi;
  readonly inbox: BotInbox;
  /** POST /telegram/webhook of the service. */
  readonly webhook: string;
  /** This run's Redis key prefix (sessions, locks, dedupe). */
  readonly prefix: string;
  stop(): Promise<void>;
}

/**
 * The service as deployed, in this process: Telegram for suppliers, Slack for agents (each new
 * ticket posts its root message), Redis sessions under a prefix of its own, and fake platform APIs
 * with no rate limit, since Telegram's 30 msg/s per bot would measure the limiter, not the service.
 */
export const startChatService = async (
  ctx: ScenarioContext,
  databaseUrl: string,
  label: string,
): Promise<ChatService> => {
  const telegram = await startFakeTelegramApi({ token: TOKEN });
  const slack = await startFakeSlackApi({ token: SLACK_BOT_TOKEN });
  const inbox = createBotInbox(telegram);
  const prefix = benchPrefix(label);
  let service: RunningService | undefined;
  const stop = async () => {
    await service?.stop();
    inbox.close();
    await telegram.close();
    await slack.close();
    await deleteKeys(ctx.redisUrl, prefix);
  };
  try {
    const config = await testConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      DATABASE_MIGRATE_ON_START: "false",
      REDIS_URL: ctx.redisUrl,
      REDIS_KEY_PREFIX: prefix,
      OUTBOX_SEND_TIMEOUT_MS: "15000",
      OUTBOX_LEASE_MS: "60000",
      ...slackEnv(slack),
    });
    service = await startService(config, {
      port: 0,
      channels: [createSlackChannel, createTelegramChannel],
      rateLimits: {},
      startTimers: false,
    });
    return { service, telegram, slack, inbox, webhook: `${service.url}/telegram/webhook`, prefix, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
