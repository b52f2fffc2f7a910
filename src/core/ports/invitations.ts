import type { Channel } from "../ticket/channel.js";
import type { PersonRole } from "./directory.js";

/** Channels a contact can be invited to: where the person starts the conversation with a code. */
export const INVITE_CHANNELS = ["TELEGRAM", "WHATSAPP"] as const satisfies readonly Channel[];
export type InviteChannel = (typeof INVITE_CHANNELS)[number];

export interface Invitation {
  readonly id: string;
  readonly channel: InviteChannel;
  /** The person's name, as the inviting agent wrote it. */
  readonly name: string;
  readonly organization: { readonly key: string; readonly name: string };
  readonly role: PersonRole;
  /** Who invited ("slack:U…", "cli:ana", "api:<key id>"). */
  readonly invitedBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly usedBy: string | null;
}

export type NewInvitation = Omit<Invitation, "usedAt" | "usedBy">;

/** Why a code opens nothing; the person hears one sentence for all of them. */
export type RedeemRefusal = "UNKNOWN" | "EXPIRED" | "USED" | "OTHER_CHANNEL";

/**
 * Invitations by code. Only a hash of the code is kept. `redeem` is one conditional write: of two
 * messages (or instances) redeeming one code, one wins; the same person redeeming again (a
 * redelivered message) gets the invitation back.
 */
export interface InvitationStore {
  create(invitation: NewInvitation, code: string): Promise<void>;
  redeem(
    code: string,
    who: { readonly channel: Channel; readonly platformUserId: string },
    now: Date,
  ): Promise<{ ok: true; invitation: Invitation } | { ok: false; reason: RedeemRefusal }>;
}
