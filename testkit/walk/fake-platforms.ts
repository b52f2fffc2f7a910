import { type FakeGraphApi, startFakeGraphApi } from "../fake-graph-api.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fake-slack-api.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../fake-telegram-api.js";
import { SLACK_BOT_TOKEN, slackEnv } from "./slack-ack.js";
import { TELEGRAM_BOT, telegramEnv } from "./telegram-walker.js";
import { WHATSAPP_CLOUD, whatsappEnv } from "./whatsapp-walk.js";

export interface FakePlatforms {
  readonly telegram: FakeTelegramApi;
  readonly graph: FakeGraphApi;
  readonly slack: FakeSlackApi;
  /** The service's channel variables against these fakes: Telegram, WhatsApp Cloud and Slack. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** Telegram's Bot API, Meta's Graph API and Slack's Web API on 127.0.0.1, in this process. */
export const startFakePlatforms = async (): Promise<FakePlatforms> => {
  const telegram = await startFakeTelegramApi({ token: TELEGRAM_BOT.token });
  const graph = await startFakeGraphApi({
    accessToken: WHATSAPP_CLOUD.accessToken,
    phoneNumberId: WHATSAPP_CLOUD.phoneNumberId,
  });
  const slack = await startFakeSlackApi({ token: SLACK_BOT_TOKEN });
  return {
    telegram,
    graph,
    slack,
    env: { ...telegramEnv(telegram), ...whatsappEnv(graph), ...slackEnv(slack) },
    async close() {
      await Promise.all([telegram.close(), graph.close(), slack.close()]);
    },
  };
};
