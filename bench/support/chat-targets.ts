import pg from "pg";
import { startFakePlatforms } from "../../testkit/walk/fake-platforms.js";
import { createTelegramWalker, telegramEnv } from "../../testkit/walk/telegram-walker.js";
import { calibrate, postTo, type Send, type Walker } from "../../testkit/walk/walker.js";
import type { ScenarioContext } from "../scenario.js";
import { PEER_TICKET_TABLE } from "./peer-bot.js";
import { startPeerBotProcess } from "./peer-bot-process.js";
import { benchPrefix, deleteKeys } from "./redis-keys.js";
import { withBenchDatabase } from "./servers.js";
import { startInstance } from "./service-instances.js";

export type ChatTargetKind = "chamado" | "peer";

/** A chat bot process under load from Telegram suppliers, with supplier 0's walk done. */
export interface ChatTarget {
  readonly kind: ChatTargetKind;
  /** The bot's process, for the CPU meter. */
  readonly pid: number;
  readonly walker: Walker;
  readonly send: Send;
  /** Bot messages answering each step, counted on supplier 0's walk. */
  readonly counts: readonly number[];
  /** Tickets stored so far (chamado's ticket table, the peer's own). */
  tickets(): Promise<number>;
}

const CALIBRATION = { timeoutMs: 60_000, quietMs: 400 };

/** BENCH_PROFILE_DIR=<dir> writes a CPU profile of each bot process there (node --cpu-prof), for a look at where the time goes. */
const profileArgs = (): string[] => {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
};

const countRows = async (databaseUrl: string, table: string): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
};

/**
 * Runs `work` against chamado (the real service process, as chat-flow starts it) or the peer bot
 * (peer-bot.ts), each on a throwaway database, its own Redis prefix and its own fake platforms;
 * everything is torn down afterwards. Both are fed by the same Telegram walker.
 */
export const withChatTarget = async <T>(
  ctx: ScenarioContext,
  kind: ChatTargetKind,
  work: (target: ChatTarget) => Promise<T>,
): Promise<T> =>
  withBenchDatabase(ctx.databaseUrl, async (db) => {
    const fakes = await startFakePlatforms();
    const prefix = benchPrefix(`chat-${kind}`);
    const walker = createTelegramWalker(fakes.telegram);
    const shared = { DATABASE_URL: db.url, REDIS_URL: ctx.redisUrl, REDIS_KEY_PREFIX: prefix };
    try {
      const bot =
        kind === "chamado"
          ? await startInstance(`chat-${kind}`, {
              nodeArgs: profileArgs(),
              env: {
                ...fakes.env,
                ...shared,
                DATABASE_MIGRATE_ON_START: "false",
                // The default, not the tests' 100 ms: writes wake the outbox anyway, and polling ten
                // times a second would bill chamado for work no deployment does.
                OUTBOX_POLL_INTERVAL_MS: "1000",
                OUTBOX_SEND_TIMEOUT_MS: "15000",
                OUTBOX_LEASE_MS: "60000",
              },
            })
          : await startPeerBotProcess({ ...telegramEnv(fakes.telegram), ...shared }, profileArgs());
      try {
        const send = postTo(bot.url);
        const counts = await calibrate(walker, send, 0, CALIBRATION);
        ctx.progress(`${kind}: bot messages per step ${counts.join(",")}`);
        return await work({
          kind,
          pid: bot.pid,
          walker,
          send,
          counts,
          tickets: () => countRows(db.url, kind === "chamado" ? "ticket" : PEER_TICKET_TABLE),
        });
      } finally {
        await bot.stop();
      }
    } finally {
      walker.close();
      await fakes.close();
      await deleteKeys(ctx.redisUrl, prefix);
    }
  });
