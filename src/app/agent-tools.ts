import type { AgentTools } from "../core/agent-tools.js";
import type { Clock } from "../core/ports/clock.js";
import { createSavedReplyService } from "../core/replies/saved-reply-service.js";
import type { TicketService } from "../core/ticket/service.js";
import type { Core } from "./container.js";

/** The agents' everyday tools, over the core's storage and the (waking) ticket service. */
export const buildAgentTools = (core: Core, service: TicketService, clock: Clock): AgentTools => ({
  savedReplies: createSavedReplyService({
    replies: core.storage.savedReplies,
    tickets: service,
    directory: core.directory,
    taxonomy: core.taxonomy,
    defaultLang: core.config.DEFAULT_LANGUAGE,
    clock,
  }),
});
