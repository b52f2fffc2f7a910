import { z } from "zod";
import type { Clock } from "../ports/clock.js";
import type { ContactRecord, DirectoryRepository } from "../ports/directory.js";
import {
  INVITE_CHANNELS,
  type InvitationStore,
  type InviteChannel,
  type RedeemRefusal,
} from "../ports/invitations.js";
import { err, ok, type Result } from "../shared/result.js";
import type { Channel } from "../ticket/channel.js";
import type { CoreError } from "../ticket/errors.js";
import type { Actor } from "../ticket/ticket.js";
import { oneOf, plainString, text, validate } from "../ticket/validation.js";

/** Letters and digits nobody confuses when copying (no 0/O, 1/I/L). */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 10;
/** How a code looks in a message: `CHD-` and ten characters; accepted in any case and with spaces around. */
export const CODE_PATTERN = new RegExp(`^CHD-[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);
export const normalizeCode = (text: string): string => text.trim().toUpperCase();
export const isInvitationCode = (text: string): boolean => CODE_PATTERN.test(normalizeCode(text));

/** What an agent gives to invite someone, from any door; validated here once for all. */
export const inviteCommand = z.object({
  channel: oneOf(INVITE_CHANNELS.map((c) => c.toLowerCase())).transform(
    (c) => c.toUpperCase() as InviteChannel,
  ),
  name: text(1, 200),
  organization: z.object({
    key: plainString(1, 100).pipe(z.string().regex(/^[a-z0-9][a-z0-9._:-]*$/i)),
    name: text(1, 200).optional(),
  }),
  admin: z.boolean().default(false),
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
});

export interface IssuedInvitation {
  readonly id: string;
  readonly channel: InviteChannel;
  readonly code: string;
  readonly expiresAt: Date;
  /** What the person opens or sends: a Telegram deep link, or the WhatsApp message text. */
  readonly telegramLink: string | null;
  readonly whatsappText: string | null;
}

export type ActivateResult =
  | { readonly ok: true; readonly contact: ContactRecord }
  | { readonly ok: false; readonly reason: RedeemRefusal };

/**
 * Invitations and (de)activation of contacts. Each of `invite`, `activate` and `setActive` is one
 * use case with its actor, so an audit record can be written beside each one.
 */
export interface ContactAccess {
  /** Agents only; the channel must be one this service runs. */
  invite(actor: Actor, input: unknown): Promise<Result<IssuedInvitation, CoreError>>;
  /** The person sent a code on their channel: registers (or reactivates) them in the invitation's organization. */
  activate(
    who: {
      readonly channel: Channel;
      readonly platformUserId: string;
      readonly displayName: string;
      readonly locale?: string | null;
    },
    code: string,
  ): Promise<ActivateResult>;
  /** Agents only: makes a contact's person their organization's admin, or a member again; null when there is no such contact. */
  setOrgAdmin(
    actor: Actor,
    contactId: string,
    admin: boolean,
  ): Promise<Result<ContactRecord | null, CoreError>>;
  /** Agents only: deactivates (or, with `active`, reactivates) a contact; null when there is no such contact. */
  setActive(
    actor: Actor,
    contactId: string,
    active: boolean,
  ): Promise<Result<ContactRecord | null, CoreError>>;
}

export interface ContactAccessDeps {
  readonly invitations: InvitationStore;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  /** Random characters from CODE_ALPHABET (crypto-strong: it is a credential). */
  readonly randomCode: (length: number, alphabet: string) => string;
  readonly newId: () => string;
  readonly defaultTtlHours: number;
  /** The Telegram bot's username, for deep links; null when Telegram is off. */
  readonly telegramBot: () => Promise<string | null>;
  readonly whatsappEnabled: boolean;
}

const actorId = (actor: Actor): string =>
  actor.kind === "agent" ? actor.id : actor.kind === "requester" ? `contact:${actor.contactId}` : "system";

export const createContactAccess = (deps: ContactAccessDeps): ContactAccess => ({
  async invite(actor, raw) {
    if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: "invite" });
    const input = validate(inviteCommand, raw);
    if (!input.ok) return input;
    const { channel } = input.value;
    const bot = channel === "TELEGRAM" ? await deps.telegramBot() : null;
    if ((channel === "TELEGRAM" && !bot) || (channel === "WHATSAPP" && !deps.whatsappEnabled)) {
      const running = [
        ...((await deps.telegramBot()) ? ["telegram"] : []),
        ...(deps.whatsappEnabled ? ["whatsapp"] : []),
      ];
      return err({
        code: "VALIDATION_FAILED",
        issues: [{ field: "channel", problem: { code: "NOT_ONE_OF", allowed: running } }],
      });
    }
    const now = deps.clock.now();
    const code = `CHD-${deps.randomCode(CODE_LENGTH, CODE_ALPHABET)}`;
    const expiresAt = new Date(now.getTime() + (input.value.ttlHours ?? deps.defaultTtlHours) * 3_600_000);
    const id = deps.newId();
    const { organization } = input.value;
    await deps.invitations.create(
      {
        id,
        channel,
        name: input.value.name,
        organization: { key: organization.key, name: organization.name ?? organization.key },
        role: input.value.admin ? "ORG_ADMIN" : "MEMBER",
        invitedBy: actorId(actor),
        createdAt: now,
        expiresAt,
      },
      code,
    );
    return ok({
      id,
      channel,
      code,
      expiresAt,
      telegramLink: bot ? `https://t.me/${bot}?start=${code}` : null,
      whatsappText: channel === "WHATSAPP" ? code : null,
    });
  },

  async activate(who, code) {
    const redeemed = await deps.invitations.redeem(normalizeCode(code), who, deps.clock.now());
    if (!redeemed.ok) return redeemed;
    const { invitation } = redeemed;
    const contact = await deps.directory.ensureContact({
      channel: who.channel,
      platformUserId: who.platformUserId,
      displayName: invitation.name,
      organization: invitation.organization,
      registered: true,
      role: invitation.role,
      locale: who.locale ?? null,
    });
    // An invitation is also how a deactivated contact comes back.
    const active = contact.deactivatedAt ? await deps.directory.setDeactivated(contact.id, null) : contact;
    return { ok: true, contact: active ?? contact };
  },

  async setOrgAdmin(actor, contactId, admin) {
    if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: "change_role" });
    const contact = await deps.directory.findContactById(contactId);
    if (!contact) return ok(null);
    const role = admin ? "ORG_ADMIN" : "MEMBER";
    if (contact.person.role === role) return ok(contact);
    return ok(await deps.directory.setPersonRole(contactId, role));
  },

  async setActive(actor, contactId, active) {
    if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: active ? "activate" : "deactivate" });
    const contact = await deps.directory.findContactById(contactId);
    if (!contact) return ok(null);
    if ((contact.deactivatedAt === null) === active) return ok(contact);
    return ok(await deps.directory.setDeactivated(contactId, active ? null : deps.clock.now()));
  },
});
