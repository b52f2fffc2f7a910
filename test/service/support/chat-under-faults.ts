import { pino } from "pino";
import { type RunningService, startService } from "../../../src/app/service.js";
import { conversationCatalogues } from "../../../src/core/i18n/index.js";
import { deleteKeys } from "../../../testkit/redis-keys.js";
import { testConfig } from "../../../testkit/spawn-service.js";
import { startTcpProxy, type TcpProxy } from "../../../testkit/tcp-proxy.js";
import { type FakePlatforms, startFakePlatforms } from "../../../testkit/walk/fake-platforms.js";
import { createTelegramWalker } from "../../../testkit/walk/telegram-walker.js";
import {
  calibrate,
  postTo,
  deliverUntilAccepted as redeliver,
  type Send,
  type Walker,
  type WebhookRequest,
} from "../../../testkit/walk/walker.js";
import { createWhatsAppWalker } from "../../../testkit/walk/whatsapp-walk.js";
import {
  createThrowawayDatabase,
  redisUrl,
  type ThrowawayDatabase,
  uniquePrefix,
  viaAddress,
} from "../../support/pg-database-for-service.js";

/**
 * The whole service in this process with Telegram (webhook), WhatsApp Cloud and Slack against fake
 * platform APIs, PostgreSQL and Redis reached through TCP proxies the test can cut, and suppliers who
 * walk the open-ticket flow the way the platforms deliver webhooks: a request that is not answered
 * 2xx is delivered again, byte for byte, until it is.
 */
export interface ChatUnderFaults {
  readonly service: RunningService;
  readonly fakes: FakePlatforms;
  readonly db: ThrowawayDatabase;
  readonly pg: TcpProxy;
  readonly redis: TcpProxy;
  readonly telegram: Walker;
  readonly whatsapp: Walker;
  /** Bot messages answering each step, from one calibration walk per channel (suppliers 0). */
  readonly counts: { readonly telegram: readonly number[]; readonly whatsapp: readonly number[] };
  /** What a supplier reads on a clean walk, per channel (ticket ids masked). */
  readonly expected: { readonly telegram: readonly string[]; readonly whatsapp: readonly string[] };
  /** Posts once; throws WebhookRefused on a non-2xx answer. */
  readonly send: Send;
  /**
   * Walks `supplier` through the whole flow, each step delivered until accepted and then waited for
   * (its answer may be queued behind a platform fault, so the wait is long). Resolves with the
   * statuses of the refused deliveries (0: the connection failed).
   */
  walk(walker: Walker, supplier: number, options?: WalkOptions): Promise<number[]>;
  close(): Promise<void>;
}

export interface WalkOptions {
  /** Pause between a refused delivery and the next (the platform's redelivery). */
  readonly redeliverAfterMs?: number;
  /** Pause after an answer before the next step (a person reading). */
  readonly thinkMs?: number;
  /** Called (and awaited) before each step is sent, e.g. to arm a fault for its answer or hold the step back. */
  readonly beforeStep?: (step: number) => void | Promise<void>;
  /** After this step the next is sent at once, without waiting for the answer (a person typing ahead). */
  readonly noWaitAfter?: number;
}

const ANSWER_WAIT_MS = 90_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bot message as compared across suppliers: ticket ids differ from one walk to the next. */
export const masked = (text: string): string =>
  text.replace(/TKT-\d+/g, "TKT-#").replace(/(Supplier|Fornecedor)\d+/g, "$1#");

/** The apology for an error on our side, in every language: never the answer to an outage. */
export const APOLOGIES = Object.values(conversationCatalogues).map((c) => c.session.failed);

/** Delivers until accepted, as the platforms do; returns the statuses of the refused attempts (0: cut off). */
export const deliverUntilAccepted = async (
  send: Send,
  request: WebhookRequest,
  redeliverAfterMs: number,
): Promise<number[]> => {
  const refused: number[] = [];
  await redeliver(send, request, redeliverAfterMs, (status) => refused.push(status));
  return refused;
};

export const startChatUnderFaults = async (
  options: { env?: Record<string, string> } = {},
): Promise<ChatUnderFaults> => {
  const db = await createThrowawayDatabase();
  const pgUrl = new URL(db.url);
  const pg = await startTcpProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  const redisTarget = new URL(redisUrl()!);
  const redis = await startTcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
  const prefix = uniquePrefix("chat-faults");
  const fakes = await startFakePlatforms();
  const config = await testConfig({
    ...fakes.env,
    DATABASE_URL: viaAddress(db.url, pg.address),
    REDIS_URL: `redis://${redis.address}`,
    REDIS_KEY_PREFIX: prefix,
    // Answers the outbox retries go out within a second or two of being due.
    OUTBOX_SEND_TIMEOUT_MS: "3000",
    OUTBOX_RETRY_MAX_MS: "2000",
    OUTBOX_LEASE_MS: "30000",
    ...options.env,
  });
  const service = await startService(config, {
    port: 0,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    startTimers: false,
  });
  const telegram = createTelegramWalker(fakes.telegram);
  const whatsapp = createWhatsAppWalker(fakes.graph);
  const send = postTo(service.url);
  const calibration = { timeoutMs: 60_000, quietMs: 400 };
  const counts = {
    telegram: await calibrate(telegram, send, 0, calibration),
    whatsapp: await calibrate(whatsapp, send, 0, calibration),
  };
  const expected = {
    telegram: telegram.received(0).map(masked),
    whatsapp: whatsapp.received(0).map(masked),
  };

  const walk = async (walker: Walker, supplier: number, walkOptions: WalkOptions = {}) => {
    const { redeliverAfterMs = 500, thinkMs = 100, beforeStep, noWaitAfter } = walkOptions;
    const stepCounts = walker.channel === "telegram" ? counts.telegram : counts.whatsapp;
    const refused: number[] = [];
    let wanted = walker.inbox.count(supplier);
    for (let step = 0; step < walker.steps; step++) {
      try {
        await beforeStep?.(step);
        refused.push(...(await deliverUntilAccepted(send, walker.request(supplier, step), redeliverAfterMs)));
        wanted += stepCounts[step]!;
        if (step === noWaitAfter) continue;
        await walker.inbox.waitFor(supplier, wanted, ANSWER_WAIT_MS);
      } catch (error) {
        const read = walker.received(supplier).map((m) => `  | ${m.replaceAll("\n", " / ")}`);
        throw new Error(
          `${walker.channel} supplier ${supplier}, step ${step}: ${String(error)}\n${read.join("\n")}`,
        );
      }
      // A resent answer (a turn that could not be saved is done again) shifts what is counted.
      wanted = Math.max(wanted, walker.inbox.count(supplier));
      await sleep(thinkMs);
    }
    return refused;
  };

  return {
    service,
    fakes,
    db,
    pg,
    redis,
    telegram,
    whatsapp,
    counts,
    expected,
    send,
    walk,
    async close() {
      pg.restore();
      redis.restore();
      await service.stop();
      telegram.close();
      whatsapp.close();
      await fakes.close();
      await pg.close();
      await redis.close();
      await deleteKeys(redisUrl()!, prefix);
      await db.drop();
    },
  };
};

/** Tickets per contact (platform user id), counted on a direct connection. */
export const ticketsByContact = async (env: ChatUnderFaults): Promise<Map<string, number>> => {
  const rows = await env.db.db.prisma.ticket.groupBy({ by: ["requesterContactId"], _count: { _all: true } });
  const contacts = await env.db.db.prisma.contact.findMany({
    where: { id: { in: rows.map((r) => r.requesterContactId) } },
  });
  const keyOf = new Map(contacts.map((c) => [c.id, c.platformUserId]));
  return new Map(rows.map((r) => [keyOf.get(r.requesterContactId) ?? "?", r._count._all]));
};
