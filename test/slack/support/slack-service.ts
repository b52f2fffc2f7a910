import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { Redis } from "ioredis";
import { pino } from "pino";
import { messageKey } from "../../../src/adapters/slack/deps.js";
import { slackChannel } from "../../../src/adapters/slack/index.js";
import type { SlackMessageRef, SlackRefPart } from "../../../src/adapters/slack/threads.js";
import { signatureOf } from "../../../src/adapters/slack/verify.js";
import { createMemoryStorage, type MemoryStorage } from "../../../src/adapters/storage/memory/storage.js";
import { telegramChannel } from "../../../src/adapters/telegram/channel.js";
import { whatsappChannel } from "../../../src/adapters/whatsapp/channel.js";
import { type RunningService, startService } from "../../../src/app/service.js";
import type { OutboxState } from "../../../src/core/outbox/delivery.js";
import type { Clock } from "../../../src/core/ports/clock.js";
import type { Ticket } from "../../../src/core/ticket/ticket.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../../testkit/fake-slack-api.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../../../testkit/fake-telegram-api.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../../testkit/pg-test-database.js";
import { payloads } from "../../../testkit/slack-payloads.js";
import { testConfig } from "../../../testkit/spawn-service.js";

export const BOT_TOKEN = "xoxb-1111-2222-chamadotest";
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const TELEGRAM_TOKEN = "7000000001:AAF-fake-token-for-the-tests_0123456789";
export const TELEGRAM_SECRET = "test-webhook-secret_0123";

/** The agents' channel, a department's own channel, and the people of the workspace. */
/** The WhatsApp Cloud API number the service answers as, when it runs that channel. */
export const WHATSAPP = {
  accessToken: "EAAG-test-access-token",
  phoneNumberId: "106540352242922",
  appSecret: "test-app-secret-5f1c",
} as const;
export const AGENTS = "C0AGENTS";
export const SALES = "C0SALES";
export const AGENT = "U0AGENT";
export const AGENT_2 = "U0AGENT2";
export const OUTSIDER = "U0OUTSIDER";
export const REQUESTER = "U0REQUESTER";

/** Real time moved forward by hand: the worker sees grace periods and Retry-After end when the test says. */
export const offsetClock = () => {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  } satisfies Clock & { advance(ms: number): void };
};

/** An outbox item as the tests look at it, on either storage. */
export interface OutboxRow {
  readonly key: string;
  readonly kind: string;
  readonly ticketId: string | null;
  readonly channel: string;
  readonly availableAt: Date;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface SlackTestService {
  readonly slack: FakeSlackApi;
  readonly telegram: FakeTelegramApi;
  readonly service: RunningService;
  readonly clock: ReturnType<typeof offsetClock>;
  /** POSTs to /slack/events, signed with the app's secret unless `signature` says otherwise. */
  post(
    body: string,
    contentType: string,
    options?: { signature?: string; timestamp?: number; retryNum?: number },
  ): Promise<Response>;
  command(user: string, text: string, responseId?: string): Promise<Response>;
  interact(payload: Record<string, unknown>): Promise<Response>;
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number }): Promise<Response>;
  ticket(ticketNumber: number): Promise<Ticket>;
  /** Where the ticket lives in Slack, as the channel recorded it. */
  link(ticketNumber: number, part: SlackRefPart): Promise<SlackMessageRef | null>;
  /** Every outbox item written so far, oldest first. */
  outbox(): Promise<OutboxRow[]>;
  /** Moves time past the grace period (or a Retry-After) and lets the worker look at once. */
  advance(ms: number): void;
  stop(): Promise<void>;
}

/**
 * The whole service in this process with the Slack and Telegram channels, against fake Slack and
 * Telegram APIs on 127.0.0.1, on memory storage and sessions; with `postgres`, on a throwaway
 * PostgreSQL database and Redis, as several instances run it.
 */
export const startSlackService = async (
  env: Record<string, string> = {},
  options: {
    readonly storage?: "memory" | "postgres";
    /** Also runs the WhatsApp Cloud API channel against this fake Graph API. */
    readonly whatsappGraphUrl?: string;
  } = {},
): Promise<SlackTestService> => {
  const onPostgres = options.storage === "postgres";
  const db: PgTestDatabase | undefined = onPostgres ? await createPgTestDatabase() : undefined;
  if (onPostgres && !db) throw new Error("DATABASE_URL is not set");
  const memory: MemoryStorage | undefined = onPostgres ? undefined : createMemoryStorage();
  const slack = await startFakeSlackApi({ token: BOT_TOKEN });
  const telegram = await startFakeTelegramApi({ token: TELEGRAM_TOKEN });
  slack.setMembers(AGENTS, [AGENT, AGENT_2, "U0BOT"]);
  slack.setMembers(SALES, [AGENT_2, "U0BOT"]);
  slack.setUser(AGENT, { name: "Carla", locale: "en-US" });
  slack.setUser(AGENT_2, { name: "Bruno", locale: "pt-BR" });
  slack.setUser(OUTSIDER, { name: "Otto", locale: "en-US" });
  slack.setUser(REQUESTER, { name: "Ana", locale: "en-US" });
  const clock = offsetClock();
  const prefix = `chamado-test:slack:${randomBytes(4).toString("hex")}:`;
  let service: RunningService | undefined;
  try {
    const config = await testConfig({
      DATABASE_URL: db?.url,
      DEFAULT_LANGUAGE: "en",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_AGENT_CHANNEL_ID: AGENTS,
      SLACK_DEPARTMENT_CHANNELS: `sales=${SALES}`,
      SLACK_API_URL: slack.apiUrl,
      AGENT_REPLY_GRACE_SECONDS: "15",
      // A first root message takes several Slack calls; a loaded test machine must not time them out.
      OUTBOX_SEND_TIMEOUT_MS: "10000",
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_API_ROOT: telegram.url,
      // On PostgreSQL the service shares sessions in Redis too, as several instances do.
      REDIS_URL: onPostgres ? process.env.REDIS_URL : undefined,
      REDIS_KEY_PREFIX: prefix,
      ...(options.whatsappGraphUrl
        ? {
            WHATSAPP_TRANSPORT: "cloud",
            WHATSAPP_CLOUD_ACCESS_TOKEN: WHATSAPP.accessToken,
            WHATSAPP_PHONE_NUMBER_ID: WHATSAPP.phoneNumberId,
            WHATSAPP_APP_SECRET: WHATSAPP.appSecret,
            WHATSAPP_VERIFY_TOKEN: "verify-me-please",
            WHATSAPP_GRAPH_API_URL: options.whatsappGraphUrl,
            WHATSAPP_TEMPLATE_NAME: "retomar_atendimento",
            WHATSAPP_TEMPLATE_LANGUAGE: "pt_BR",
          }
        : {}),
      ...env,
    });
    service = await startService(config, {
      port: 0,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      clock,
      channels: [slackChannel, telegramChannel, ...(options.whatsappGraphUrl ? [whatsappChannel()] : [])],
      ...(memory ? { storage: memory } : {}),
      startTimers: false,
      rateLimits: {},
    });
    const running = service;
    const post: SlackTestService["post"] = (body, contentType, options = {}) => {
      const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
      return fetch(`${running.url}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": contentType,
          "x-slack-request-timestamp": timestamp,
          "x-slack-signature": options.signature ?? signatureOf(SIGNING_SECRET, timestamp, body),
          ...(options.retryNum !== undefined
            ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" }
            : {}),
        },
        body,
      });
    };
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    return {
      slack,
      telegram,
      service: running,
      clock,
      post,
      command: (user, text, responseId = "cmd") =>
        post(
          form(payloads.command({ user, text, responseUrl: slack.responseUrl(responseId) })),
          "application/x-www-form-urlencoded",
        ),
      interact: (payload) =>
        post(form({ payload: JSON.stringify(payload) }), "application/x-www-form-urlencoded"),
      event: (event, options = {}) =>
        post(JSON.stringify(payloads.event(event, options.eventId)), "application/json", {
          ...(options.retryNum !== undefined ? { retryNum: options.retryNum } : {}),
        }),
      async ticket(ticketNumber) {
        const ticket = await running.core.tickets.findByNumber(ticketNumber);
        if (!ticket) throw new Error(`no ticket ${ticketNumber}`);
        return ticket;
      },
      async link(ticketNumber, part) {
        const ticket = await running.core.tickets.findByNumber(ticketNumber);
        if (!ticket) return null;
        const ref = await running.core.storage.links.get(
          ticket.id,
          "SLACK",
          part === "agents" ? "AGENTS_ROOT" : "REQUESTER_THREAD",
        );
        return ref ? { channel: ref.conversation, ts: ref.message } : null;
      },
      async outbox() {
        if (memory)
          return memory.outboxRows().map((r) => ({
            key: r.key,
            kind: r.draft.kind,
            ticketId: r.draft.ticketId,
            channel: r.draft.channel,
            availableAt: new Date(r.availableAt),
            state: r.state,
            attempts: r.attempts,
            lastError: r.lastError,
            payload: r.payload,
          }));
        const rows = await running.core.db!.prisma.outboxItem.findMany({ orderBy: { id: "asc" } });
        return rows.map((r) => ({
          key: r.key,
          kind: r.kind,
          ticketId: r.ticketId,
          channel: r.channel,
          availableAt: r.availableAt,
          state: r.state,
          attempts: r.attempts,
          lastError: r.lastError,
          payload: r.payload as Record<string, unknown>,
        }));
      },
      advance(ms) {
        clock.advance(ms);
        running.worker.wake();
      },
      async stop() {
        await running.stop();
        await slack.close();
        await telegram.close();
        await db?.drop();
        await rm(config.DATA_DIR, { recursive: true, force: true });
        if (onPostgres) await forgetRedisKeys(prefix);
      },
    };
  } catch (error) {
    await service?.stop();
    await slack.close();
    await telegram.close();
    await db?.drop();
    throw error;
  }
};

const forgetRedisKeys = async (prefix: string) => {
  if (!process.env.REDIS_URL) return;
  const redis = new Redis(process.env.REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
};

/** Polls until `check` holds; fails with `what` after the deadline. */
export const eventually = async (
  check: () => Promise<boolean> | boolean,
  what: string,
  // Generous: a passing wait costs nothing extra, and a busy two-core machine must not fail it.
  timeoutMs = 60_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Waits until an agent's message in a ticket's thread is a queued reply. Slack's events are answered
 * when handled or after 2.5 s, whichever is first, so on a busy machine the 200 can come before the
 * reply is written; moving the clock past the grace period before that would leave the reply due
 * 15 s after the moved clock, and it would never go out.
 */
export const replyQueued = (t: SlackTestService, channel: string, ts: string): Promise<void> =>
  eventually(
    async () => (await t.service.outbox.findByCause(messageKey(channel, ts), "agent_reply")) !== null,
    `the reply ${ts} queued`,
  );
