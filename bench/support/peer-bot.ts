import { createServer } from "node:http";
import type { Redis } from "ioredis";
import type pg from "pg";
import { type Context, session, Telegraf } from "telegraf";
import { callbackQuery, message } from "telegraf/filters";
import { type Draft, type Input, nextTurn, openedReply, type Reply } from "./peer-bot-flow.js";

export const PEER_TICKET_TABLE = "peer_ticket";

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${PEER_TICKET_TABLE} (
  id bigserial PRIMARY KEY,
  chat_id bigint NOT NULL,
  subject text NOT NULL,
  department text NOT NULL,
  priority text NOT NULL,
  type text NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;

/** A conversation left alone this long is forgotten, as chamado's sessions expire. */
const SESSION_TTL_SECONDS = 24 * 60 * 60;

interface PeerContext extends Context {
  session?: Draft;
}

export interface PeerBotOptions {
  readonly token: string;
  readonly apiRoot: string;
  readonly webhookSecret: string;
  readonly redis: Redis;
  readonly keyPrefix: string;
  readonly db: pg.Pool;
}

/**
 * The bot a team would write instead of chamado, for the chat-peer floor: telegraf on a webhook
 * (its own secret check and JSON parsing), telegraf's session middleware keeping each chat's draft
 * in one Redis key (a GET and a SET per message), one INSERT when the ticket is confirmed. No
 * dedupe, no locks, no outbox, no history. A tap is answered and its buttons removed before the
 * next question, as chamado does, so both make the same calls to Telegram.
 */
export const startPeerBot = async (
  options: PeerBotOptions,
): Promise<{ url: string; close(): Promise<void> }> => {
  const { redis, db } = options;
  // Answers go out as Bot API calls, as chamado's do, not in the webhook's response body.
  const bot = new Telegraf<PeerContext>(options.token, {
    telegram: { apiRoot: options.apiRoot, webhookReply: false },
  });
  bot.use(
    session({
      store: {
        get: async (key) => {
          const raw = await redis.get(`${options.keyPrefix}${key}`);
          return raw ? (JSON.parse(raw) as Draft) : undefined;
        },
        set: (key, draft) =>
          redis.set(`${options.keyPrefix}${key}`, JSON.stringify(draft), "EX", SESSION_TTL_SECONDS),
        delete: (key) => redis.del(`${options.keyPrefix}${key}`),
      },
    }),
  );

  const say = (ctx: PeerContext, reply: Reply) =>
    ctx.reply(reply.text, {
      link_preview_options: { is_disabled: true },
      ...(reply.keyboard ? { reply_markup: { inline_keyboard: reply.keyboard.map((row) => [...row]) } } : {}),
    });

  const converse = async (ctx: PeerContext, input: Input) => {
    const turn = nextTurn(ctx.session, input, ctx.from?.first_name ?? "");
    if (turn.kind === "reply") {
      ctx.session = turn.draft ?? undefined;
      return say(ctx, turn.reply);
    }
    const t = turn.ticket;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO ${PEER_TICKET_TABLE} (chat_id, subject, department, priority, type, message)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [ctx.chat!.id, t.subject, t.department, t.priority, t.type, t.message],
    );
    ctx.session = undefined;
    return say(ctx, openedReply(Number(rows[0]!.id)));
  };

  bot.on(message("text"), (ctx) => converse(ctx, { kind: "text", text: ctx.message.text }));
  bot.on(callbackQuery("data"), async (ctx) => {
    await ctx.answerCbQuery();
    await ctx.editMessageReplyMarkup(undefined);
    await converse(ctx, { kind: "tap", data: ctx.callbackQuery.data });
  });
  bot.catch((error) => {
    // A team's bot logs and moves on; Telegram gets its 200 either way.
    console.error("peer bot: update failed", error);
  });

  await db.query(CREATE_TABLE);
  bot.botInfo = await bot.telegram.getMe();
  const server = createServer(
    bot.webhookCallback("/telegram/webhook", { secretToken: options.webhookSecret }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("peer bot has no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
