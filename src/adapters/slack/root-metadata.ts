import type { SlackWebClient } from "./clients.js";
import type { BotIdentity } from "./deps.js";
import type { SlackMessageRef } from "./threads.js";

const EVENT_TYPE = "chamado_ticket";

/**
 * chat.postMessage takes no idempotency key: the ticket id travels with the root as message
 * metadata instead, so a retry can find a root whose ref was never recorded.
 */
export const rootMetadata = (ticketId: string) => ({
  event_type: EVENT_TYPE,
  event_payload: { ticket_id: ticketId },
});

/** Slack's clock and ours may disagree: a root is looked for from a little before its ticket. */
const CLOCK_SKEW_MS = 10 * 60_000;
const PAGE_SIZE = 200;
/** Enough for a busy channel between a crash and the retry, without reading its whole history. */
const MAX_PAGES = 10;

interface HistoryPage {
  messages?: {
    ts?: string;
    user?: string;
    bot_id?: string;
    metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  }[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

export type RootSearch =
  | { readonly found: SlackMessageRef }
  | { readonly found: null; readonly complete: boolean };

/**
 * The newest root the bot posted for a ticket in a channel since the ticket was created (other
 * than `except`), read from conversations.history with its metadata; `complete` is false when the
 * page bound ran out first.
 */
export const findPostedRoot = async (
  client: SlackWebClient,
  bot: BotIdentity,
  channel: string,
  ticket: { readonly id: string; readonly createdAt: Date },
  except?: string,
): Promise<RootSearch> => {
  const oldest = ((ticket.createdAt.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = (await client.conversations.history({
      channel,
      oldest,
      limit: PAGE_SIZE,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    })) as HistoryPage;
    const root = answer.messages?.find(
      (m) =>
        m.ts !== undefined &&
        m.ts !== except &&
        (m.user === bot.userId || (bot.botId !== null && m.bot_id === bot.botId)) &&
        m.metadata?.event_type === EVENT_TYPE &&
        m.metadata.event_payload?.ticket_id === ticket.id,
    );
    if (root?.ts) return { found: { channel, ts: root.ts } };
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) return { found: null, complete: true };
  }
  return { found: null, complete: false };
};
