import type { Invitation, InvitationStore } from "../../../core/ports/invitations.js";
import { codeHash } from "../invitation-code.js";

/** Invitations in this process's memory, with the same once-only redeem as the database. */
export const createMemoryInvitations = (): InvitationStore => {
  const byHash = new Map<string, Invitation>();
  return {
    async create(invitation, code) {
      byHash.set(codeHash(code), { ...invitation, usedAt: null, usedBy: null });
    },
    async redeem(code, who, now) {
      const hash = codeHash(code);
      const found = byHash.get(hash);
      if (!found) return { ok: false, reason: "UNKNOWN" };
      if (found.channel !== who.channel) return { ok: false, reason: "OTHER_CHANNEL" };
      if (found.usedAt)
        return found.usedBy === who.platformUserId
          ? { ok: true, invitation: found }
          : { ok: false, reason: "USED" };
      if (found.expiresAt <= now) return { ok: false, reason: "EXPIRED" };
      const used = { ...found, usedAt: now, usedBy: who.platformUserId };
      byHash.set(hash, used);
      return { ok: true, invitation: used };
    },
  };
};
