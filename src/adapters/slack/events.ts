import { z } from "zod";
import { slackFile } from "./files.js";

/** The parts of Slack's events this channel reads; anything that does not parse is ignored. */
const message = z.object({
  user: z.string().optional(),
  bot_id: z.string().nullish(),
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  files: z.array(slackFile).default([]),
});

/** Every message event the channel handles: new messages, edits (message_changed) and deletions (message_deleted). */
export const messageEvent = message.extend({
  ts: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
  message: message.optional(),
  previous_message: message.optional(),
  deleted_ts: z.string().optional(),
});
export type MessageEvent = z.infer<typeof messageEvent>;

export const reactionAdded = z.object({
  user: z.string(),
  reaction: z.string(),
  item: z.object({ type: z.literal("message"), channel: z.string(), ts: z.string() }),
});

export const appHomeOpened = z.object({ user: z.string(), tab: z.string().optional() });

/** The workspace of a request, as Slack's signed payloads give it. */
export const teamOf = (body: unknown, fallback: string): { id: string; domain: string | null } => {
  const b = body as {
    team_id?: unknown;
    team_domain?: unknown;
    team?: { id?: unknown; domain?: unknown } | null;
  };
  const id =
    typeof b.team_id === "string" ? b.team_id : typeof b.team?.id === "string" ? b.team.id : fallback;
  const domain =
    typeof b.team_domain === "string"
      ? b.team_domain
      : typeof b.team?.domain === "string"
        ? b.team.domain
        : null;
  return { id, domain };
};
