import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { Redis } from "ioredis";
import { pino } from "pino";
import { createSlackChannel } from "../../../src/adapters/slack/index.js";
import { signatureOf } from "../../../src/adapters/slack/verify.js";
import { createTelegramChannel } from "../../../src/adapters/telegram/channel.js";
import { type RunningService, startService } from "../../../src/app/service.js";
import type { Clock } from "../../../src/core/ports/clock.js";
import type { Ticket } from "../../../src/core/ticket/ticket.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../../support/fake-telegram-api.js";
import { createPgTestDatabase, type PgTestDatabase } from "../../support/pg-test-database.js";
import { testConfig } from "../../support/spawn-service.js";
import { payloads } from "./payloads.js";

export const BOT_TOKEN = "xoxb-1111-2222-chamadotest";
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const TELEGRAM_TOKEN = "7000000001:AAF-fake-token-for-the-tests_0123456789";
export const TELEGRAM_SECRET = "test-webhook-secret_0123";

/** The agents' channel, a department's own channel, and the people of the workspace. */
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
  /** Moves time past the grace period (or a Retry-After) and lets the worker look at once. */
  advance(ms: number): void;
  stop(): Promise<void>;
}

/**
 * The whole service in this process with the Slack and Telegram channels, against fake Slack and
 * Telegram APIs on 127.0.0.1 and a throwaway PostgreSQL database. Returns undefined (skip) when
 * DATABASE_URL is unset outside CI.
 */
export const startSlackService = async (
  env: Record<string, string> = {},
): Promise<SlackTestService | undefined> => {
  const db: PgTestDatabase | undefined = await createPgTestDatabase();
  if (!db) return undefined;
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
      DATABASE_URL: db.url,
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
      // With Redis configured the service shares sessions and watched replies there, as in production.
      REDIS_URL: process.env.REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      ...env,
    });
    service = await startService(config, {
      port: 0,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      clock,
      channels: [createSlackChannel, createTelegramChannel],
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
      advance(ms) {
        clock.advance(ms);
        running.worker.wake();
      },
      async stop() {
        await running.stop();
        await slack.close();
        await telegram.close();
        await db.drop();
        await rm(config.DATA_DIR, { recursive: true, force: true });
        await forgetRedisKeys(prefix);
      },
    };
  } catch (error) {
    await service?.stop();
    await slack.close();
    await telegram.close();
    await db.drop();
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
  timeoutMs = 20_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
