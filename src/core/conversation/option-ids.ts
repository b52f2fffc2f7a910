/**
 * Option ids that stay valid outside the step that showed them: notification buttons sent through the
 * outbox (rate a closed ticket, view or answer a ticket). They carry a ticket number, which is only a
 * reference: the engine re-checks the contact's access before doing anything with it.
 *
 * Every other option id is local to its question and means nothing once the conversation moved on.
 */
export type GlobalAction =
  | { readonly kind: "rate"; readonly ticket: number; readonly score: number }
  | { readonly kind: "view"; readonly ticket: number }
  | { readonly kind: "reply"; readonly ticket: number };

const MAX_TICKET = 2_147_483_647;

export const globalOptionId = (action: GlobalAction): string =>
  action.kind === "rate" ? `rate:${action.ticket}:${action.score}` : `${action.kind}:${action.ticket}`;

const GLOBAL = /^(rate|view|reply):(\d{1,10})(?::([1-5]))?$/;

export const parseGlobalOptionId = (id: string): GlobalAction | null => {
  const match = GLOBAL.exec(id);
  if (!match) return null;
  const ticket = Number(match[2]);
  if (!Number.isSafeInteger(ticket) || ticket < 1 || ticket > MAX_TICKET) return null;
  if (match[1] === "rate") return match[3] ? { kind: "rate", ticket, score: Number(match[3]) } : null;
  if (match[3]) return null;
  return { kind: match[1] as "view" | "reply", ticket };
};

/** Telegram's callback_data holds 64 bytes. */
export const fitsCallbackData = (id: string): boolean => new TextEncoder().encode(id).byteLength <= 64;
