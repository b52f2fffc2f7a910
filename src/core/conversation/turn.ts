import type { Catalogue } from "../i18n/catalogue.js";
import type { ConversationCatalogue } from "../i18n/conversation-catalogue.js";
import type { Lang } from "../i18n/lang.js";
import type { AbandonReason } from "../ports/abandoned-flows.js";
import type { ContactRecord } from "../ports/directory.js";
import type { CoreError } from "../ticket/errors.js";
import { refusalReasons } from "../ticket/refusals.js";
import type { RequesterActor } from "../ticket/requester-of.js";
import type { RequesterIdentity } from "../ticket/service.js";
import type { ConversationDeps } from "./deps.js";
import type { InboundInput } from "./inbound.js";
import type { Prompt } from "./prompt.js";
import type { ConversationState } from "./state.js";

/** Everything a step needs to answer one message: who, in which language, with which services. */
export interface Turn {
  readonly deps: ConversationDeps;
  readonly contact: ContactRecord;
  readonly actor: RequesterActor;
  readonly identity: RequesterIdentity;
  readonly lang: Lang;
  readonly t: ConversationCatalogue;
  readonly core: Catalogue;
  /** `${channel}:${messageId}`: the unique database key of whatever this message creates. */
  readonly sourceKey: string;
}

export type MenuMood = "greeting" | "more" | "notUnderstood";

/**
 * What answering one message leads to. `say` comes first; the engine then asks the question of `next`,
 * or shows the menu when `next` is null (the flow is over).
 */
export interface Outcome {
  readonly say: readonly Prompt[];
  readonly next: ConversationState | null;
  readonly abandoned?: AbandonReason;
  readonly lang?: Lang;
  readonly menu?: MenuMood;
}

/** A step's question; asking may move on (no similar tickets to offer) or give up (the ticket vanished). */
export interface Asked {
  readonly prompts: readonly Prompt[];
  readonly state: ConversationState | null;
}

export interface Step<S extends ConversationState> {
  ask(turn: Turn, state: S): Promise<Asked>;
  answer(turn: Turn, state: S, input: InboundInput): Promise<Outcome>;
  back(turn: Turn, state: S): Promise<Outcome>;
}

export const text = (value: string): Prompt => ({ kind: "text", text: value });
export const error = (value: string): Prompt => ({ kind: "error", text: value });

export const stay = (state: ConversationState, ...say: Prompt[]): Outcome => ({ say, next: state });
export const goTo = (next: ConversationState | null, ...say: Prompt[]): Outcome => ({ say, next });
export const invalidChoice = (turn: Turn, state: ConversationState): Outcome =>
  stay(state, error(turn.t.choice.invalid));
/** A core refusal as the person reads it; refusals of what they sent are counted (deps.onRefused). */
export const coreError = (turn: Turn, e: CoreError): Prompt => {
  for (const reason of refusalReasons(e)) turn.deps.onRefused?.(turn.contact.channel, reason);
  return error(turn.core.error(e));
};
