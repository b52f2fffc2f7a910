import { type Logger, pino } from "pino";
import { type RunningService, startService } from "../../../src/app/service.js";
import { type FakeGraphApi, startFakeGraphApi } from "../../../testkit/fake-graph-api.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../../testkit/fake-slack-api.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../../../testkit/fake-telegram-api.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../../testkit/pg-test-database.js";
import { testConfig, testEnv } from "../../../testkit/spawn-service.js";
import { client, createKey } from "../../api/support.js";

export const SECRETS = {
  telegramToken: "7000000001:AAF-fake-token-for-the-tests_0123456789",
  telegramWebhook: "sweep-webhook-secret_0123",
  slackBot: "xoxb-1111-2222-chamadosweep",
  slackSigning: "8f742231b10e8888abcd99yyyzzz85a5",
  waAccess: "EAAG-sweep-access-token",
  waPhoneId: "106540352242922",
  waApp: "sweep-app-secret-5f1c",
  waVerify: "verify-me-please",
} as const;

/** Small enough that "over the limit" bodies stay cheap to send on a two-core machine. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface SweepService {
  readonly service: RunningService;
  readonly url: string;
  /** A key for every organization. */
  readonly apiKey: string;
  /** The public id of a ticket made through the API, so write routes have a real target. */
  readonly ticketRef: string;
  /** The platforms' fake APIs, to see what the service sent them. */
  readonly fakes: {
    readonly telegram: FakeTelegramApi;
    readonly slack: FakeSlackApi;
    readonly graph: FakeGraphApi;
  };
  stop(): Promise<void>;
}

/**
 * The whole service in this process with every channel at once (Telegram webhook mode, WhatsApp
 * Cloud API, Slack) and the REST API, against fake platform APIs on 127.0.0.1 and a throwaway
 * PostgreSQL database.
 */
export const startSweepService = async (
  options: { readonly env?: Record<string, string>; readonly logger?: Logger } = {},
): Promise<SweepService> => {
  const db: PgTestDatabase | undefined = await createPgTestDatabase();
  if (!db) throw new Error("DATABASE_URL is not set");
  const fakes: { close(): Promise<void> }[] = [];
  let service: RunningService | undefined;
  try {
    const telegram: FakeTelegramApi = await startFakeTelegramApi({ token: SECRETS.telegramToken });
    fakes.push(telegram);
    const slack: FakeSlackApi = await startFakeSlackApi({ token: SECRETS.slackBot });
    fakes.push(slack);
    slack.setMembers("C0AGENTS", ["U0AGENT", "U0BOT"]);
    slack.setUser("U0AGENT", { name: "Carla", locale: "en-US" });
    slack.setUser("U0REQUESTER", { name: "Ana", locale: "pt-BR" });
    const graph: FakeGraphApi = await startFakeGraphApi({
      accessToken: SECRETS.waAccess,
      phoneNumberId: SECRETS.waPhoneId,
    });
    fakes.push(graph);
    const env = await testEnv({
      DATABASE_URL: db.url,
      DEFAULT_LANGUAGE: "en",
      HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
      TELEGRAM_BOT_TOKEN: SECRETS.telegramToken,
      TELEGRAM_WEBHOOK_SECRET: SECRETS.telegramWebhook,
      TELEGRAM_API_ROOT: telegram.url,
      WHATSAPP_TRANSPORT: "cloud",
      WHATSAPP_CLOUD_ACCESS_TOKEN: SECRETS.waAccess,
      WHATSAPP_PHONE_NUMBER_ID: SECRETS.waPhoneId,
      WHATSAPP_APP_SECRET: SECRETS.waApp,
      WHATSAPP_VERIFY_TOKEN: SECRETS.waVerify,
      WHATSAPP_GRAPH_API_URL: graph.url,
      SLACK_BOT_TOKEN: SECRETS.slackBot,
      SLACK_SIGNING_SECRET: SECRETS.slackSigning,
      SLACK_AGENT_CHANNEL_ID: "C0AGENTS",
      SLACK_API_URL: slack.apiUrl,
      OUTBOX_SEND_TIMEOUT_MS: "10000",
      // The sweep forges signatures by the hundred from one address; the limit has tests of its own.
      AUTH_FAILURES_PER_MINUTE: "10000",
      ...options.env,
    });
    service = await startService(await testConfig(env), {
      port: 0,
      logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      startTimers: false,
      rateLimits: {},
    });
    await service.core.directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId: "acme-founder",
      displayName: "Acme founder",
      organization: { key: "acme", name: "ACME" },
      registered: true,
    });
    const apiKey = (await createKey(env, "sweep", "all")).secret;
    const created = await client(service.url, apiKey).post("/tickets", {
      subject: "Nota fiscal rejeitada",
      department: "technical",
      priority: "HIGH",
      type: "incident",
      message: "A SEFAZ rejeita a nota 123 com erro 539.",
      requester: { externalId: "a-1", name: "Ana", organizationKey: "acme" },
    });
    if (created.status !== 201) throw new Error(`could not create the sweep's ticket: ${created.status}`);
    const running = service;
    return {
      service: running,
      fakes: { telegram, slack, graph },
      url: running.url,
      apiKey,
      ticketRef: created.json.ticket.publicId as string,
      async stop() {
        await running.stop();
        for (const fake of fakes) await fake.close();
        await db.drop();
      },
    };
  } catch (error) {
    await service?.stop();
    for (const fake of fakes) await fake.close();
    await db.drop();
    throw error;
  }
};
