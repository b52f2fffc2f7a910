import { Redis } from "ioredis";
import pg from "pg";
import { FAKE_BOT } from "../../testkit/fake-telegram-api.js";
import type { WebhookRequest } from "../../testkit/walk/walker.js";
import type { WalkRecord } from "./crowd-walk.js";
import { receiptKey } from "./walk-verdict.js";

/**
 * The session step each step of the open-ticket walk leaves (both channels walk the same flow);
 * "none" after the greeting (the menu needs no session) and after the confirmation (flow over).
 */
const STEP_AFTER = [
  "none",
  "open.subject",
  "open.department",
  "open.priority",
  "open.type",
  "open.message",
  "open.files",
  "open.summary",
  "none",
] as const;

/** The conversation engine's redelivery key for a request (`<CHANNEL>:<messageId>`, see the channels' parsers). */
const engineKey = (channel: string, request: WebhookRequest): string => {
  if (channel === "whatsapp") return `WHATSAPP:${request.id}`;
  const update = JSON.parse(request.body) as {
    message?: { message_id: number; chat: { id: number } };
    callback_query?: { id: string };
  };
  if (update.callback_query) return `TELEGRAM:${FAKE_BOT.id}:cb:${update.callback_query.id}`;
  return `TELEGRAM:${FAKE_BOT.id}:${update.message!.chat.id}:${update.message!.message_id}`;
};

export interface StalledWalk {
  readonly walk: WalkRecord;
  readonly step: number;
  /** The request the supplier waited on an answer for. */
  readonly request: WebhookRequest;
}

/** What became of the message a stalled supplier sent last. */
export type StallCause = "never processed" | "answer never sent" | "unknown";

export interface StallDiagnosis {
  readonly cause: StallCause;
  readonly line: string;
}

const causeOf = (step: number, engineSawIt: boolean, session: string): StallCause => {
  // Any processing, even a redelivery found to be a duplicate, goes through the engine's key.
  if (!engineSawIt) return "never processed";
  if (step === 0 || STEP_AFTER[step] === STEP_AFTER[step - 1]) return "unknown";
  if (session === STEP_AFTER[step]) return "answer never sent";
  return session === STEP_AFTER[step - 1] ? "never processed" : "unknown";
};

/**
 * For each walk that stopped waiting on an answer: which once-only marks its last request left
 * (the channel's inbound receipt, the engine's redelivery key in Redis) and where the supplier's
 * session stands, which tells a message never processed from an answer never sent.
 */
export const diagnoseStalls = async (
  stalls: readonly StalledWalk[],
  where: { databaseUrl: string; redisUrl: string; prefix: string },
  retried: ReadonlyMap<string, string>,
): Promise<StallDiagnosis[]> => {
  if (stalls.length === 0) return [];
  const redis = new Redis(where.redisUrl);
  const db = new pg.Client({ connectionString: where.databaseUrl });
  await db.connect();
  try {
    const out: StallDiagnosis[] = [];
    for (const { walk, step, request } of stalls) {
      const channel = walk.walker.channel;
      const receipt = await db.query("SELECT 1 FROM inbound_receipt WHERE key = $1", [
        receiptKey(walk.walker, request.id),
      ]);
      const contact = await db.query<{ id: string }>(
        "SELECT id FROM contact WHERE channel::text = $1 AND platform_user_id = $2",
        [channel.toUpperCase(), walk.walker.contactKey(walk.index)],
      );
      const mark = await redis.get(`${where.prefix}inbound:${engineKey(channel, request)}`);
      const claimed = mark !== null;
      const raw = contact.rows[0] ? await redis.get(`${where.prefix}session:${contact.rows[0].id}`) : null;
      const session = raw ? (JSON.parse(raw) as { state: { step: string } }).state.step : "none";
      const cause = causeOf(step, claimed, session);
      const how = retried.has(request.id) ? `retried after ${retried.get(request.id)}` : "not retried";
      out.push({
        cause,
        line:
          `${channel} supplier ${walk.index} step ${step} (${request.id}, ${how}): receipt ${receipt.rowCount ? "taken" : "absent"}, ` +
          `engine key ${claimed ? `taken (${mark})` : "absent"}, session ${session} → ${cause}`,
      });
    }
    return out;
  } finally {
    redis.disconnect();
    await db.end();
  }
};
