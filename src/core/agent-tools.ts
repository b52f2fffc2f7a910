import type { SavedReplyService } from "./replies/saved-reply-service.js";

/** The agents' everyday tools as the doors (Slack, CLI, REST) use them. */
export interface AgentTools {
  readonly savedReplies: SavedReplyService;
}
