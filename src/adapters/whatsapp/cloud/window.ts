import type { Clock } from "../../../core/ports/clock.js";
import type { OnceKeys, WhatsAppContacts } from "../ports.js";

/** Meta lets a business write freely for 24 hours after the person's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;
/** Stop a little early: a message accepted at 23:59:59 may be judged at 24:00:01. */
const MARGIN_MS = 5 * 60 * 1000;

export interface WindowState {
  readonly open: boolean;
  /** The window this state belongs to (its last inbound message); a new message from the person starts another. */
  readonly epoch: string;
}

/**
 * The 24-hour customer-service window of a contact, from Contact.lastInboundAt, corrected by what
 * Meta says: a message refused with 131047 marks the current window closed even if our clock
 * thought it open. Templates are sent once per window, whichever instance and attempt gets there.
 */
export const createWindowGuard = (deps: {
  readonly contacts: WhatsAppContacts;
  readonly once: OnceKeys;
  readonly clock: Clock;
}) => {
  const closedKey = (contactId: string, epoch: string) => `whatsapp:window-closed:${contactId}:${epoch}`;
  const templateKey = (contactId: string, epoch: string) => `whatsapp:template:${contactId}:${epoch}`;

  const state = async (contactId: string): Promise<WindowState> => {
    const last = await deps.contacts.lastInboundAt(contactId);
    const epoch = last ? last.toISOString() : "never";
    const fresh = last !== null && deps.clock.now().getTime() - last.getTime() < WINDOW_MS - MARGIN_MS;
    return { open: fresh && !(await deps.once.seen(closedKey(contactId, epoch))), epoch };
  };

  return {
    state,
    /** Meta refused a free-form message: the window is closed until the person writes again. */
    async markClosed(contactId: string): Promise<void> {
      const { epoch } = await state(contactId);
      await deps.once.claim(closedKey(contactId, epoch), deps.clock.now());
    },
    /** True for the one caller that should send this window's template. */
    claimTemplate: (contactId: string, epoch: string) =>
      deps.once.claim(templateKey(contactId, epoch), deps.clock.now()),
    /** The template did not go out: let the next attempt try again. */
    releaseTemplate: (contactId: string, epoch: string) => deps.once.forget(templateKey(contactId, epoch)),
  };
};

export type WindowGuard = ReturnType<typeof createWindowGuard>;
