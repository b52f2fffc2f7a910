import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectoryRepository, EnsureContact } from "../../src/core/ports/directory.js";

let serial = 0;
/** A contact nobody else in the suite uses. */
const someone = (overrides: Partial<EnsureContact> = {}): EnsureContact => {
  serial += 1;
  return {
    channel: "TELEGRAM",
    platformUserId: `dir-${serial}-${Math.random().toString(36).slice(2, 8)}`,
    displayName: `Person ${serial}`,
    organization: { key: `org-${serial}-${Math.random().toString(36).slice(2, 8)}`, name: `Org ${serial}` },
    registered: false,
    ...overrides,
  };
};

/** Contacts, people and organizations: the same answers from every store. */
export const directoryContract = (
  name: string,
  open: () => Promise<{ directory: DirectoryRepository; close(): Promise<void> }>,
) => {
  describe(`directory contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    let directory: DirectoryRepository;
    beforeAll(async () => {
      store = await open();
      directory = store.directory;
    });
    afterAll(async () => {
      await store?.close();
    });

    it("deactivates a contact and activates it again; an unknown id is null", async () => {
      const created = await directory.ensureContact(someone());
      expect(created.deactivatedAt).toBeNull();
      const at = new Date("2026-03-02T12:00:00.000Z");
      expect((await directory.setDeactivated(created.id, at))?.deactivatedAt).toEqual(at);
      expect((await directory.findContact(created.channel, created.platformUserId))?.deactivatedAt).toEqual(
        at,
      );
      expect((await directory.setDeactivated(created.id, null))?.deactivatedAt).toBeNull();
      expect(await directory.setDeactivated("00000000-0000-4000-8000-00000000dead", at)).toBeNull();
    });

    it("makes a contact's person the organization's admin and a member again; an unknown id is null", async () => {
      const created = await directory.ensureContact(someone());
      expect(created.person.role).toBe("MEMBER");
      expect((await directory.setPersonRole(created.id, "ORG_ADMIN"))?.person.role).toBe("ORG_ADMIN");
      expect((await directory.findContactById(created.id))?.person.role).toBe("ORG_ADMIN");
      expect((await directory.setPersonRole(created.id, "MEMBER"))?.person.role).toBe("MEMBER");
      expect((await directory.findContact(created.channel, created.platformUserId))?.person.role).toBe(
        "MEMBER",
      );
      expect(await directory.setPersonRole("00000000-0000-4000-8000-00000000dead", "ORG_ADMIN")).toBeNull();
    });

    it("creates a contact with its person and organization, and finds it again by its platform id", async () => {
      const input = someone({ locale: "en", role: "ORG_ADMIN" });
      const created = await directory.ensureContact(input);
      expect(created).toMatchObject({
        channel: "TELEGRAM",
        platformUserId: input.platformUserId,
        displayName: input.displayName,
        locale: "en",
        unreachable: null,
        lastInboundAt: null,
        person: { name: input.displayName, role: "ORG_ADMIN", registered: false },
      });
      expect(await directory.findContact("TELEGRAM", input.platformUserId)).toEqual(created);
      expect(await directory.findContactById(created.id)).toEqual(created);
      expect(await directory.ensureContact(input)).toEqual(created);
      const organization = await directory.findOrganizationByKey(input.organization.key);
      expect(organization).toMatchObject({
        id: created.person.organizationId,
        name: input.organization.name,
      });
      expect(await directory.findOrganization(created.person.organizationId)).toEqual(organization);
      expect(await directory.findContact("WHATSAPP", input.platformUserId)).toBeNull();
    });

    it("lists organizations by key and an organization's contacts by channel and id", async () => {
      const org = { key: `list-${Math.random().toString(36).slice(2, 8)}`, name: "Listed" };
      const b = await directory.ensureContact(someone({ platformUserId: `${org.key}-b`, organization: org }));
      const a = await directory.ensureContact(someone({ platformUserId: `${org.key}-a`, organization: org }));
      const w = await directory.ensureContact(
        someone({ channel: "WHATSAPP", platformUserId: `${org.key}-z`, organization: org }),
      );
      await directory.ensureContact(someone());
      expect(await directory.listContacts({ organizationId: a.person.organizationId, limit: 10 })).toEqual([
        w,
        a,
        b,
      ]);
      expect(await directory.listContacts({ organizationId: a.person.organizationId, limit: 1 })).toEqual([
        w,
      ]);
      const later = { key: `${org.key}b`, name: "Listed later" };
      await directory.ensureContact(someone({ organization: later }));
      const keys = (await directory.listOrganizations(100_000)).map((o) => o.key);
      expect(keys.indexOf(org.key)).toBeGreaterThanOrEqual(0);
      expect(keys.indexOf(later.key)).toBeGreaterThan(keys.indexOf(org.key));
      expect(await directory.findOrganizationByKey(org.key)).toEqual({ id: a.person.organizationId, ...org });
    });

    it("puts contacts of one organization key in one organization", async () => {
      const first = someone();
      const a = await directory.ensureContact(first);
      const b = await directory.ensureContact(someone({ organization: first.organization }));
      expect(b.person.organizationId).toBe(a.person.organizationId);
      expect(b.person.id).not.toBe(a.person.id);
    });

    it("creates one contact when its first messages race", async () => {
      const input = someone();
      const all = await Promise.all(Array.from({ length: 5 }, () => directory.ensureContact(input)));
      expect(new Set(all.map((c) => c.id)).size).toBe(1);
      expect(new Set(all.map((c) => c.person.id)).size).toBe(1);
    });

    it("upgrades an existing contact on registration, keeping its person", async () => {
      const input = someone();
      const before = await directory.ensureContact(input);
      const after = await directory.ensureContact({ ...input, registered: true, role: "ORG_ADMIN" });
      expect(after.id).toBe(before.id);
      expect(after.person).toMatchObject({ id: before.person.id, registered: true, role: "ORG_ADMIN" });
    });

    it("links a contact to another person, sets its locale, reachability and last message", async () => {
      const a = await directory.ensureContact(someone());
      const b = await directory.ensureContact(someone({ channel: "WHATSAPP" }));
      expect((await directory.linkContact(b.id, a.person.id)).person.id).toBe(a.person.id);
      await directory.setLocale(a.id, "pt-BR");
      const at = new Date("2026-12-01T12:00:00.000Z");
      await directory.setUnreachable(a.id, { at, reason: "403: blocked" });
      await directory.recordInbound(a.id, at);
      await directory.recordInbound(a.id, new Date("2026-12-01T11:00:00.000Z"));
      expect(await directory.findContactById(a.id)).toMatchObject({
        locale: "pt-BR",
        unreachable: { at, reason: "403: blocked" },
        lastInboundAt: at,
      });
      await directory.setUnreachable(a.id, null);
      expect((await directory.findContactById(a.id))?.unreachable).toBeNull();
    });
  });
};
