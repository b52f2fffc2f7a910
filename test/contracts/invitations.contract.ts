import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvitationStore, NewInvitation } from "../../src/core/ports/invitations.js";

const HOUR = 3_600_000;
let seq = 0;

/** One-time codes every store must keep alike: hashed, redeemed once, by the one person, in time. */
export const invitationsContract = (
  name: string,
  open: () => Promise<{ invitations: InvitationStore; close(): Promise<void> }>,
) => {
  describe(`invitations contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const now = new Date("2026-03-02T12:00:00.000Z");
    const issue = async (overrides: Partial<NewInvitation> = {}) => {
      seq += 1;
      const code = `CHD-TEST${String(seq).padStart(6, "0")}`;
      await store.invitations.create(
        {
          id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
          channel: "TELEGRAM",
          name: "Ana Souza",
          organization: { key: "acme", name: "Acme" },
          role: "MEMBER",
          invitedBy: "cli:ana",
          createdAt: now,
          expiresAt: new Date(now.getTime() + HOUR),
          ...overrides,
        },
        code,
      );
      return code;
    };
    const ana = { channel: "TELEGRAM" as const, platformUserId: "7101" };

    it("redeems a code once; the same person again gets it back, anyone else is refused", async () => {
      const code = await issue();
      const first = await store.invitations.redeem(code, ana, now);
      expect(first).toMatchObject({
        ok: true,
        invitation: { name: "Ana Souza", organization: { key: "acme", name: "Acme" }, usedBy: "7101" },
      });
      expect(await store.invitations.redeem(code, ana, now)).toMatchObject({ ok: true });
      expect(await store.invitations.redeem(code, { ...ana, platformUserId: "7102" }, now)).toEqual({
        ok: false,
        reason: "USED",
      });
    });

    it("refuses an unknown code, an expired one and one made for another channel", async () => {
      expect(await store.invitations.redeem("CHD-NOPE000000", ana, now)).toEqual({
        ok: false,
        reason: "UNKNOWN",
      });
      const expiring = await issue();
      expect(await store.invitations.redeem(expiring, ana, new Date(now.getTime() + HOUR))).toEqual({
        ok: false,
        reason: "EXPIRED",
      });
      const whatsapp = await issue({ channel: "WHATSAPP" });
      expect(await store.invitations.redeem(whatsapp, ana, now)).toEqual({
        ok: false,
        reason: "OTHER_CHANNEL",
      });
    });

    it("lets exactly one of ten people redeeming one code at once have it", async () => {
      const code = await issue();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.invitations.redeem(code, { channel: "TELEGRAM", platformUserId: `race-${i}` }, now),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "USED")).toBe(true);
    });
  });
};
