/**
 * The conversation engine's public surface. Channel adapters use only this: build an `InboundMessage`,
 * call `engine.handle`, render the `Prompt`s (with `renderAsText` where buttons do not fit).
 */
export {
  ACCESS_POLICIES,
  type AccessPolicy,
  type ConversationDeps,
  type ConversationLogger,
  type ConversationSettings,
} from "./deps.js";
export {
  type AnswerDelivery,
  type ConversationEngine,
  createConversationEngine,
  type HandleOptions,
  isRetryLater,
} from "./engine.js";
export {
  COMMAND_NAMES,
  type CommandName,
  type InboundInput,
  type InboundMessage,
  InboundMessageError,
} from "./inbound.js";
export { fitsCallbackData, type GlobalAction, globalOptionId, parseGlobalOptionId } from "./option-ids.js";
export {
  type EngineContact,
  type EngineReply,
  optionsOf,
  type Prompt,
  type PromptKind,
  type PromptOption,
  REPLY_OUTCOMES,
  type ReplyOutcome,
  type TicketDetailView,
  type TicketListItem,
} from "./prompt.js";
export { renderAsText, ticketDetailLines } from "./render-text.js";
export { parseSession, SESSION_VERSION, type Session, type StepName } from "./state.js";
export { EXPIRED_NOTICE_KIND } from "./sweeper.js";
