import type { Lang } from "../i18n/lang.js";
import type { PublicStatus } from "../ticket/status.js";

/**
 * One answer the person may pick. `id` is at most 64 bytes of UTF-8 (Telegram callback_data) and is
 * what a button sends back as `{ kind: "choice", id }`; it is never trusted, the engine re-checks it.
 */
export interface PromptOption {
  readonly id: string;
  /** Already localized; short enough for a button (WhatsApp cuts at 20 characters, so renderers may shorten). */
  readonly label: string;
  readonly description?: string;
}

export interface TicketListItem {
  /** "TKT-000123". */
  readonly ref: string;
  readonly subject: string;
  readonly publicStatus: PublicStatus;
  readonly statusLabel: string;
  /** "02/03 12:00 · Suporte", or null when nobody replied yet. */
  readonly lastReply: string | null;
  /** Priority and department, localized: "Alta · Técnico". */
  readonly details: string;
  /** "aberto em 02/03/2026 12:00". */
  readonly created: string;
  /** The option that opens this ticket. */
  readonly optionId: string;
}

export interface TicketDetailView {
  readonly ref: string;
  readonly subject: string;
  readonly publicStatus: PublicStatus;
  /** Every label below is already localized. */
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly historyTitle: string;
  readonly history: readonly { readonly at: string; readonly who: string; readonly text: string }[];
  readonly timeInStatusTitle: string;
  readonly timeInStatus: readonly { readonly label: string; readonly duration: string }[];
  readonly readBySupport: boolean;
}

/**
 * What the engine asks or says. Every string is localized; adapters only choose the form (buttons,
 * numbered lists, inline keyboards, modals). When a prompt has options, typing their number or label
 * answers it as well as tapping them, as long as it is the last prompt with options of the reply.
 */
export type Prompt =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "choice"; readonly text: string; readonly options: readonly PromptOption[] }
  /** Asks for attachments; the options finish ("done") or skip the step. */
  | {
      readonly kind: "files";
      readonly text: string;
      readonly received: number;
      readonly max: number;
      readonly options: readonly PromptOption[];
    }
  | {
      readonly kind: "summary";
      readonly text: string;
      readonly fields: readonly { readonly label: string; readonly value: string }[];
      readonly options: readonly PromptOption[];
    }
  /** Tickets come first among the options, in the same order as `tickets`. */
  | {
      readonly kind: "ticketList";
      readonly text: string;
      readonly tickets: readonly TicketListItem[];
      readonly options: readonly PromptOption[];
    }
  | {
      readonly kind: "ticketDetail";
      readonly text: string;
      readonly ticket: TicketDetailView;
      readonly options: readonly PromptOption[];
    }
  /** An answer was refused; the reason is in `text` and the question follows in the same reply. */
  | { readonly kind: "error"; readonly text: string };

export type PromptKind = Prompt["kind"];

/** Who the engine talked to, for the adapter's delivery bookkeeping. */
export interface EngineContact {
  readonly id: string;
  readonly personId: string;
  readonly organizationId: string;
  readonly displayName: string;
  readonly lang: Lang;
}

/**
 * answered: the prompts answer the message. duplicate: a redelivery of a message already answered
 * (no prompts). refused: the person may not use the service (registered access policy); nothing was
 * stored and the prompts say how to get access. failed: something broke on our side; the prompts
 * apologize and a redelivery of the message will be processed again.
 */
export const REPLY_OUTCOMES = ["answered", "duplicate", "refused", "failed"] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

/** The engine's answer to one inbound message: prompts to send in order, in `lang`. */
export interface EngineReply {
  /** Null when the person is not (or could not be) identified as a contact. */
  readonly contact: EngineContact | null;
  readonly lang: Lang;
  readonly prompts: readonly Prompt[];
  readonly outcome: ReplyOutcome;
}

export const optionsOf = (prompt: Prompt): readonly PromptOption[] =>
  "options" in prompt ? prompt.options : [];
