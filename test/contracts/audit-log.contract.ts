import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditTrail, NewAuditEntry } from "../../src/core/ports/audit-log.js";

const entry = (at: string, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: new Date(at),
  actor: { kind: "operator", id: "cli:ana", name: "ana" },
  door: "cli",
  action: "api_key.created",
  target: { kind: "api_key", id: "k1" },
  detail: { role: "agent" },
  ...overrides,
});

/** The audit log, the same on every store. */
export const auditLogContract = (
  name: string,
  open: () => Promise<{ audit: AuditTrail; close(): Promise<void>; update?: () => Promise<unknown> }>,
) => {
  describe(`audit log contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;

    beforeAll(async () => {
      store = await open();
      const audit = store.audit;
      await audit.record(entry("2026-01-01T10:00:00Z"));
      await audit.record(
        entry("2026-01-02T10:00:00Z", {
          action: "contact.registered",
          target: { kind: "contact", id: "c1" },
          detail: { organization: "acme" },
        }),
      );
      await audit.record(
        entry("2026-01-03T10:00:00Z", {
          actor: { kind: "api_key", id: "api:k9", name: "portal" },
          door: "api",
          action: "contact.exported",
          target: { kind: "contact", id: "c1" },
          detail: {},
        }),
      );
      await audit.record(entry("2026-01-04T10:00:00Z", { action: "api_key.revoked", detail: undefined }));
    });
    afterAll(async () => {
      await store?.close();
    });

    it("lists newest first with everything recorded", async () => {
      const all = await store.audit.list({ limit: 10 });
      expect(all.map((e) => e.action)).toEqual([
        "api_key.revoked",
        "contact.exported",
        "contact.registered",
        "api_key.created",
      ]);
      expect(all[2]).toMatchObject({
        at: new Date("2026-01-02T10:00:00Z"),
        actor: { kind: "operator", id: "cli:ana", name: "ana" },
        door: "cli",
        target: { kind: "contact", id: "c1" },
        detail: { organization: "acme" },
      });
      expect(all[0]!.detail).toEqual({});
      expect(BigInt(all[0]!.id)).toBeGreaterThan(BigInt(all[1]!.id));
    });

    it("filters by actor, action, door, target and time, and pages with before", async () => {
      const ids = async (q: Parameters<AuditTrail["list"]>[0]) =>
        (await store.audit.list(q)).map((e) => e.at.toISOString().slice(0, 10));
      expect(await ids({ limit: 10, targetId: "c1" })).toEqual(["2026-01-03", "2026-01-02"]);
      expect(await ids({ limit: 10, targetKind: "api_key" })).toEqual(["2026-01-04", "2026-01-01"]);
      expect(await ids({ limit: 10, actorId: "api:k9" })).toEqual(["2026-01-03"]);
      expect(await ids({ limit: 10, door: "api" })).toEqual(["2026-01-03"]);
      expect(await ids({ limit: 10, action: "contact.registered" })).toEqual(["2026-01-02"]);
      expect(
        await ids({
          limit: 10,
          from: new Date("2026-01-02T00:00:00Z"),
          to: new Date("2026-01-04T00:00:00Z"),
        }),
      ).toEqual(["2026-01-03", "2026-01-02"]);
      const first = await store.audit.list({ limit: 2 });
      const next = await store.audit.list({ limit: 2, before: first.at(-1)!.id });
      expect(next.map((e) => e.at.toISOString().slice(0, 10))).toEqual(["2026-01-02", "2026-01-01"]);
    });

    it("prunes only what is older than the cutoff, in batches", async () => {
      const cutoff = new Date("2026-01-03T00:00:00Z");
      expect(await store.audit.prune(cutoff, 1)).toBe(1);
      expect(await store.audit.prune(cutoff, 10)).toBe(1);
      expect(await store.audit.prune(cutoff, 10)).toBe(0);
      expect((await store.audit.list({ limit: 10 })).map((e) => e.action)).toEqual([
        "api_key.revoked",
        "contact.exported",
      ]);
    });

    it("refuses to change an entry", async () => {
      if (!store.update) return;
      await expect(store.update()).rejects.toThrow();
    });
  });
};
