import type { Invitation, InvitationStore, InviteChannel } from "../../../core/ports/invitations.js";
import { codeHash } from "../invitation-code.js";
import type { Prisma, PrismaClient } from "./client.js";

type Row = Prisma.InvitationGetPayload<object>;

const toInvitation = (row: Row): Invitation => ({
  id: row.id,
  channel: row.channel as InviteChannel,
  name: row.name,
  organization: { key: row.organizationKey, name: row.organizationName },
  role: row.role,
  invitedBy: row.invitedBy,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  usedAt: row.usedAt,
  usedBy: row.usedBy,
});

/** Invitations in `invitation`: redeemed by one UPDATE that requires the code unused and unexpired. */
export const createPrismaInvitations = (prisma: PrismaClient): InvitationStore => ({
  async create(invitation, code) {
    await prisma.invitation.create({
      data: {
        id: invitation.id,
        codeHash: codeHash(code),
        channel: invitation.channel,
        name: invitation.name,
        organizationKey: invitation.organization.key,
        organizationName: invitation.organization.name,
        role: invitation.role,
        invitedBy: invitation.invitedBy,
        createdAt: invitation.createdAt,
        expiresAt: invitation.expiresAt,
      },
    });
  },
  async redeem(code, who, now) {
    const hash = codeHash(code);
    const { count } = await prisma.invitation.updateMany({
      where: { codeHash: hash, channel: who.channel, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, usedBy: who.platformUserId },
    });
    const row = await prisma.invitation.findUnique({ where: { codeHash: hash } });
    if (!row) return { ok: false, reason: "UNKNOWN" };
    if (count === 1 || (row.usedAt && row.usedBy === who.platformUserId && row.channel === who.channel))
      return { ok: true, invitation: toInvitation(row) };
    if (row.channel !== who.channel) return { ok: false, reason: "OTHER_CHANNEL" };
    if (row.usedAt) return { ok: false, reason: "USED" };
    return { ok: false, reason: "EXPIRED" };
  },
});
