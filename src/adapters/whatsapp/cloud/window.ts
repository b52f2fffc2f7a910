import type { Clock } from "../../../core/ports/clock.js";
import type { DirectoryRepository } from "../../../core/ports/directory.js";
import type { InboundReceipts } from "../../../core/ports/inbound-receipts.js";
import { WHATSAPP_KEEP_MS } from "../once.js";

/** Meta lets a business write freely for 24 hours after the person's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;
/** Stop a little early: a message accepted at 23:59:59 may be judged at 24:00:01. */
const MARGIN_MS = 5 * 60 * 1000;

export interface WindowState {
  readonly open: boolean;
  /** The window this state belongs to (its last inbound message); a new message from the person starts another. */
  readonly epoch: string;
}

/** The 24-hour window of each contact, and the one template that may be sent per closed window. */
export interface WindowGuard {
  state(contactId: string): Promise<WindowState>;
  /** Meta refused a free-form message: the window is closed until the person writes again. */
  markClosed(contactId: string): Promise<void>;
  /** True for the one caller that should send this window's template. */
  claimTemplate(contactId: string, epoch: string): Promise<boolean>;
  /** The template did not go out: let the next attempt try again. */
  releaseTemplate(contactId: string, epoch: string): Promise<void>;
}

/**
 * The 24-hour customer-service window of a contact, from its last inbound message, corrected by
 * what Meta says: a message refused with 131047 marks the current window closed even if our clock
 * thought it open. Templates are sent once per window, whichever instance and attempt gets there;
 * both marks live in the shared receipts.
 */
export const createWindowGuard = (deps: {
  readonly directory: Pick<DirectoryRepository, "findContactById">;
  readonly receipts: InboundReceipts;
  readonly clock: Clock;
}): WindowGuard => {
  const closedKey = (contactId: string, epoch: string) => `whatsapp:window-closed:${contactId}:${epoch}`;
  const templateKey = (contactId: string, epoch: string) => `whatsapp:template:${contactId}:${epoch}`;

  const state = async (contactId: string): Promise<WindowState> => {
    const last = (await deps.directory.findContactById(contactId))?.lastInboundAt ?? null;
    const epoch = last ? last.toISOString() : "never";
    const fresh = last !== null && deps.clock.now().getTime() - last.getTime() < WINDOW_MS - MARGIN_MS;
    return { open: fresh && !(await deps.receipts.isDone(closedKey(contactId, epoch))), epoch };
  };

  return {
    state,
    async markClosed(contactId) {
      const { epoch } = await state(contactId);
      await deps.receipts.mark(closedKey(contactId, epoch), deps.clock.now(), WHATSAPP_KEEP_MS);
    },
    claimTemplate: (contactId, epoch) =>
      deps.receipts.mark(templateKey(contactId, epoch), deps.clock.now(), WHATSAPP_KEEP_MS),
    releaseTemplate: async (contactId, epoch) => {
      await deps.receipts.forget(templateKey(contactId, epoch));
    },
  };
};
